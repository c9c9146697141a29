import ByteText
import Privileges
import ProgramSupport

/// `vfioctl run --user NAME [--keep-rawio] PROGRAM [ARGS...]`: starts PROGRAM as NAME with no
/// capabilities, or with CAP_SYS_RAWIO alone (what a no-IOMMU vfio driver needs), and
/// no_new_privs: for init systems without systemd's User= and AmbientCapabilities= (a
/// Buildroot or Yocto image's busybox init, runit). Everything after PROGRAM is PROGRAM's.
enum RunCommand {
    /// Runs the command `words` (the words after "run"); returns only by throwing.
    static func run(_ words: [String]) throws(ProgramError) -> Never {
        var user: String?
        var keeping = CapabilitySet()
        var index = 0
        while index < words.count, words[index].bytesStart(with: "--") {
            if words[index].sameBytes(as: "--user"), index + 1 < words.count {
                user = words[index + 1]
                index += 2
            } else if words[index].sameBytes(as: "--keep-rawio") {
                keeping = .sysRawIO
                index += 1
            } else {
                throw .usage("run takes --user NAME and --keep-rawio before the program, not \(words[index])")
            }
        }
        guard let user, index < words.count else { throw .usage("run needs --user NAME and a PROGRAM") }
        let account = try privileged { () throws(PrivilegeError) in try Account.named(user) }
        let drop = PrivilegeDrop(to: account, keeping: keeping, passingOn: true)
        try privileged { () throws(PrivilegeError) in try drop.exec(Array(words[index...])) }
    }
}
