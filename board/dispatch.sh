# The guest's /scenario.sh: runs the scenario named by `scenario=NAME` on the kernel command
# line (board/scenarios/NAME.sh, installed as /bin/scenario-NAME), with output on the console.
name=$(sed -n 's/.*scenario=\([a-z0-9-]*\).*/\1/p' /proc/cmdline)
if [ -z "$name" ] || [ ! -f "/bin/scenario-$name" ]; then
    echo "dispatch: no scenario '$name' (available: $(ls /bin | sed -n 's/^scenario-//p' | tr '\n' ' '))"
    exit 3
fi
echo "SCENARIO: $name"
sh "/bin/scenario-$name"
