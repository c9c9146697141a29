# Periodic and one-shot timeouts on the PL031 RTC's match interrupt.
timer periodic --period 1 --ticks 4 --allow-noiommu || exit $?
timer oneshot --after 2 --allow-noiommu
