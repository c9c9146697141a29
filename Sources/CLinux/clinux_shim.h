/* CLinux: the few Linux system calls and VFIO definitions the runtime modules need, as inline
 * functions Swift (including Embedded Swift) can import. Variadic libc functions (open, ioctl,
 * fcntl) and function-like macros (errno, the VFIO_* ioctl numbers, MAP_FAILED) are not importable,
 * so each gets a small fixed-signature wrapper here. Header-only. */
#ifndef CLINUX_SHIM_H
#define CLINUX_SHIM_H

/* 64-bit file offsets on 32-bit ARM too: vfio-platform puts region N at N << 40 in the device
 * file, and armhf's off_t is 4 bytes unless this is defined before the first libc header. And
 * 64-bit time: glibc then calls the *_time64 system calls (timerfd_settime64, ...), which every
 * 32-bit kernel has, where the old ones exist only with CONFIG_COMPAT_32BIT_TIME (ENOSYS
 * without it). (Only on 32-bit ARM: on 64-bit hosts the Glibc module's own structures must
 * keep their one definition.) */
#if defined(__arm__)
#ifndef _FILE_OFFSET_BITS
#define _FILE_OFFSET_BITS 64
#endif
#ifndef _TIME_BITS
#define _TIME_BITS 64
#endif
#endif

#include <stdint.h>
#include <stddef.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <poll.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <time.h>
#include <dirent.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/eventfd.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <sys/signalfd.h>
#include <sys/resource.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/vfio.h>

_Static_assert(sizeof(off_t) == 8, "CLinux needs 64-bit file offsets (vfio regions sit at N << 40)");
_Static_assert(sizeof(time_t) == 8, "CLinux needs 64-bit time (the *_time64 system calls)");

/* ---- errno and files ---- */

/** The calling thread's errno. */
static inline int clinux_errno(void) { return errno; }
/** open(2) with an explicit mode; O_CLOEXEC is always added. */
static inline int clinux_open(const char *path, int flags, unsigned mode) {
    return open(path, flags | O_CLOEXEC, (mode_t)mode);
}
/** Read-only flag for clinux_open. */
static inline int clinux_o_rdonly(void) { return O_RDONLY; }
/** Write-only flag for clinux_open. */
static inline int clinux_o_wronly(void) { return O_WRONLY; }
/** Read-write flag for clinux_open. */
static inline int clinux_o_rdwr(void) { return O_RDWR; }
/** Non-blocking flag for clinux_open. */
static inline int clinux_o_nonblock(void) { return O_NONBLOCK; }
/** Create flag for clinux_open. */
static inline int clinux_o_creat(void) { return O_CREAT; }
/** Truncate flag for clinux_open. */
static inline int clinux_o_trunc(void) { return O_TRUNC; }
/** 1 when the path exists (stat succeeds), 0 otherwise. */
static inline int clinux_path_exists(const char *path) { struct stat st; return stat(path, &st) == 0; }
/** Size in bytes of an open file, or -1. */
static inline int64_t clinux_file_size(int fd) { struct stat st; return fstat(fd, &st) == 0 ? (int64_t)st.st_size : -1; }
/** Number of open file descriptors of this process (counts /proc/self/fd), or -1. */
static inline int clinux_open_fd_count(void) {
    DIR *dir = opendir("/proc/self/fd");
    if (!dir) return -1;
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) if (entry->d_name[0] != '.') count++;
    closedir(dir);
    return count - 1; /* the directory's own descriptor */
}
/** Maximum resident set size of this process in KiB (getrusage), or -1. */
static inline long clinux_max_rss_kib(void) { struct rusage u; return getrusage(RUSAGE_SELF, &u) == 0 ? u.ru_maxrss : -1; }

/* ---- directories ---- */

/** Opens a directory stream, or NULL with errno. */
static inline void *clinux_opendir(const char *path) { return opendir(path); }
/** The next entry's name (not "." or ".."), or NULL at the end. Valid until the next call. */
static inline const char *clinux_readdir_name(void *dir) {
    struct dirent *entry;
    while ((entry = readdir((DIR *)dir)) != NULL) {
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) return entry->d_name;
    }
    return NULL;
}
/** Closes a directory stream. */
static inline void clinux_closedir(void *dir) { closedir((DIR *)dir); }

/** pread(2) at a 64-bit offset (off_t differs between C libraries). */
static inline ssize_t clinux_pread(int fd, void *buffer, size_t count, int64_t offset) { return pread(fd, buffer, count, (off_t)offset); }
/** pwrite(2) at a 64-bit offset. */
static inline ssize_t clinux_pwrite(int fd, const void *buffer, size_t count, int64_t offset) { return pwrite(fd, buffer, count, (off_t)offset); }

/* ---- memory mapping ---- */

/** mmap(2) shared read-write of a device region; returns NULL (not MAP_FAILED) on failure. */
static inline void *clinux_mmap_shared(int fd, size_t length, int64_t offset) {
    void *p = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)offset);
    return p == MAP_FAILED ? NULL : p;
}
/** Page size of the running system. */
static inline long clinux_page_size(void) { return sysconf(_SC_PAGESIZE); }

/* ---- eventfd, poll, epoll ---- */

/** A non-blocking, close-on-exec eventfd with counter 0. */
static inline int clinux_eventfd(void) { return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK); }
/** poll(2) on one descriptor for input; returns >0 ready, 0 timeout, -1 error. */
static inline int clinux_poll_in(int fd, int timeout_ms) {
    struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
    return poll(&p, 1, timeout_ms);
}
/** epoll_create1 with close-on-exec. */
static inline int clinux_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }
/** Adds fd to an epoll set for input, tagged with token. */
static inline int clinux_epoll_add(int epfd, int fd, uint64_t token) {
    struct epoll_event ev; ev.events = EPOLLIN; ev.data.u64 = token;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}
/** Removes fd from an epoll set. */
static inline int clinux_epoll_remove(int epfd, int fd) { return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL); }
/** Waits on an epoll set; writes up to max tokens of ready descriptors; returns count, 0, or -1. */
static inline int clinux_epoll_wait(int epfd, uint64_t *tokens, int max, int timeout_ms) {
    struct epoll_event ev[32];
    if (max > 32) max = 32;
    int n = epoll_wait(epfd, ev, max, timeout_ms);
    for (int i = 0; i < n; i++) tokens[i] = ev[i].data.u64;
    return n;
}

/* ---- timerfd and signalfd (the driver host's event loop) ---- */

/** A non-blocking, close-on-exec CLOCK_MONOTONIC timerfd, disarmed. */
static inline int clinux_timerfd_create(void) { return timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC); }
/** Arms a timerfd: first expiry after first_ns, then every period_ns (0 = once); first_ns 0 disarms. */
static inline int clinux_timerfd_arm(int fd, uint64_t first_ns, uint64_t period_ns) {
    struct itimerspec spec;
    spec.it_value.tv_sec = (time_t)(first_ns / 1000000000ull); spec.it_value.tv_nsec = (long)(first_ns % 1000000000ull);
    spec.it_interval.tv_sec = (time_t)(period_ns / 1000000000ull); spec.it_interval.tv_nsec = (long)(period_ns % 1000000000ull);
    return timerfd_settime(fd, 0, &spec, NULL);
}
/** Reads one 8-byte counter (eventfd, timerfd); returns the bytes read or -1. */
static inline ssize_t clinux_read_u64(int fd, uint64_t *value) { return read(fd, value, sizeof *value); }
/** Blocks SIGINT and SIGTERM for this thread and returns a non-blocking signalfd that reports them. */
static inline int clinux_termination_signalfd(void) {
    sigset_t set; sigemptyset(&set); sigaddset(&set, SIGINT); sigaddset(&set, SIGTERM);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) return -1;
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}
/** Takes one pending signal from a signalfd; returns its number, or -1 when none is pending. */
static inline int clinux_signalfd_take(int fd) {
    struct signalfd_siginfo info;
    ssize_t n = read(fd, &info, sizeof info);
    return n == (ssize_t)sizeof info ? (int)info.ssi_signo : -1;
}
/** SIGINT's number. */
static inline int clinux_sigint(void) { return SIGINT; }
/** SIGTERM's number. */
static inline int clinux_sigterm(void) { return SIGTERM; }

/* ---- time and processes ---- */

/** CLOCK_MONOTONIC in nanoseconds. */
static inline uint64_t clinux_monotonic_ns(void) {
    struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
/** Sleeps for the given nanoseconds (restarts on EINTR). */
static inline void clinux_sleep_ns(uint64_t ns) {
    struct timespec ts = { .tv_sec = (time_t)(ns / 1000000000ull), .tv_nsec = (long)(ns % 1000000000ull) };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}
/** Writes bytes to standard output or error (fd 1 or 2), retrying short writes. */
static inline void clinux_write_all(int fd, const void *bytes, size_t count) {
    const char *p = (const char *)bytes;
    while (count > 0) { ssize_t n = write(fd, p, count); if (n <= 0) { if (errno == EINTR) continue; return; } p += n; count -= (size_t)n; }
}
/** Effective user id. */
static inline unsigned clinux_geteuid(void) { return (unsigned)geteuid(); }

/* ---- VFIO ioctls (numbers are function-like macros in linux/vfio.h) ---- */

/** VFIO_GET_API_VERSION on a container fd. */
static inline int clinux_vfio_get_api_version(int container) { return ioctl(container, VFIO_GET_API_VERSION); }
/** VFIO_CHECK_EXTENSION on a container fd. */
static inline int clinux_vfio_check_extension(int container, unsigned long extension) { return ioctl(container, VFIO_CHECK_EXTENSION, extension); }
/** VFIO_SET_IOMMU on a container fd. */
static inline int clinux_vfio_set_iommu(int container, unsigned long type) { return ioctl(container, VFIO_SET_IOMMU, type); }
/** VFIO_GROUP_GET_STATUS; fills *flags. */
static inline int clinux_vfio_group_get_status(int group, uint32_t *flags) {
    struct vfio_group_status st = { .argsz = sizeof st, .flags = 0 };
    int r = ioctl(group, VFIO_GROUP_GET_STATUS, &st);
    *flags = st.flags; return r;
}
/** VFIO_GROUP_SET_CONTAINER. */
static inline int clinux_vfio_group_set_container(int group, int container) { return ioctl(group, VFIO_GROUP_SET_CONTAINER, &container); }
/** VFIO_GROUP_GET_DEVICE_FD; returns the device fd or -1. */
static inline int clinux_vfio_group_get_device_fd(int group, const char *name) { return ioctl(group, VFIO_GROUP_GET_DEVICE_FD, name); }
/** VFIO_DEVICE_GET_INFO; fills flags and counts. */
static inline int clinux_vfio_device_get_info(int device, uint32_t *flags, uint32_t *regions, uint32_t *irqs) {
    struct vfio_device_info info = { .argsz = sizeof info };
    int r = ioctl(device, VFIO_DEVICE_GET_INFO, &info);
    *flags = info.flags; *regions = info.num_regions; *irqs = info.num_irqs; return r;
}
/** VFIO_DEVICE_GET_REGION_INFO for one index. */
static inline int clinux_vfio_device_get_region_info(int device, uint32_t index, uint32_t *flags, uint64_t *size, uint64_t *offset) {
    struct vfio_region_info info = { .argsz = sizeof info, .index = index };
    int r = ioctl(device, VFIO_DEVICE_GET_REGION_INFO, &info);
    *flags = info.flags; *size = info.size; *offset = info.offset; return r;
}
/** VFIO_DEVICE_GET_IRQ_INFO for one index. */
static inline int clinux_vfio_device_get_irq_info(int device, uint32_t index, uint32_t *flags, uint32_t *count) {
    struct vfio_irq_info info = { .argsz = sizeof info, .index = index };
    int r = ioctl(device, VFIO_DEVICE_GET_IRQ_INFO, &info);
    *flags = info.flags; *count = info.count; return r;
}
/** VFIO_DEVICE_SET_IRQS with one eventfd (DATA_EVENTFD) for sub-index start, or fd -1 for teardown. */
static inline int clinux_vfio_device_set_irq_eventfd(int device, uint32_t index, uint32_t action, int eventfd) {
    struct { struct vfio_irq_set set; int32_t fd; } req;
    memset(&req, 0, sizeof req);
    req.set.index = index; req.set.start = 0;
    if (eventfd < 0) {
        req.set.argsz = sizeof(struct vfio_irq_set);
        req.set.flags = VFIO_IRQ_SET_DATA_NONE | action; req.set.count = 0;
    } else {
        req.set.argsz = sizeof req;
        req.set.flags = VFIO_IRQ_SET_DATA_EVENTFD | action; req.set.count = 1; req.fd = eventfd;
    }
    return ioctl(device, VFIO_DEVICE_SET_IRQS, &req);
}
/** VFIO_DEVICE_SET_IRQS with DATA_NONE (mask, unmask or trigger for one sub-index). */
static inline int clinux_vfio_device_set_irq_none(int device, uint32_t index, uint32_t action) {
    struct vfio_irq_set set = { .argsz = sizeof set, .flags = VFIO_IRQ_SET_DATA_NONE | action, .index = index, .start = 0, .count = 1 };
    return ioctl(device, VFIO_DEVICE_SET_IRQS, &set);
}
/** VFIO_DEVICE_RESET. */
static inline int clinux_vfio_device_reset(int device) { return ioctl(device, VFIO_DEVICE_RESET); }

/** Constants of linux/vfio.h that Swift imports as macros poorly; collected as functions. */
static inline uint32_t clinux_vfio_api_version(void) { return VFIO_API_VERSION; }
static inline unsigned long clinux_vfio_type1_iommu(void) { return VFIO_TYPE1_IOMMU; }
static inline unsigned long clinux_vfio_type1v2_iommu(void) { return VFIO_TYPE1v2_IOMMU; }
static inline unsigned long clinux_vfio_noiommu_iommu(void) { return VFIO_NOIOMMU_IOMMU; }
static inline uint32_t clinux_vfio_irq_action_mask(void) { return VFIO_IRQ_SET_ACTION_MASK; }
static inline uint32_t clinux_vfio_irq_action_unmask(void) { return VFIO_IRQ_SET_ACTION_UNMASK; }
static inline uint32_t clinux_vfio_irq_action_trigger(void) { return VFIO_IRQ_SET_ACTION_TRIGGER; }

/* ---- credentials and capabilities (least privilege) ---- */

/** Owner, group and permission bits of `path` (stat); 0 on success. */
static inline int clinux_stat_owner(const char *path, uint32_t *uid, uint32_t *gid, uint32_t *mode) {
    struct stat st; int r = stat(path, &st);
    if (r == 0) { *uid = st.st_uid; *gid = st.st_gid; *mode = st.st_mode & 07777; }
    return r;
}
/** chown(2). */
static inline int clinux_chown(const char *path, uint32_t uid, uint32_t gid) { return chown(path, (uid_t)uid, (gid_t)gid); }
/** chmod(2). */
static inline int clinux_chmod(const char *path, uint32_t mode) { return chmod(path, (mode_t)mode); }
/** getresuid(2). */
static inline int clinux_getresuid(uint32_t *real, uint32_t *effective, uint32_t *saved) {
    uid_t r, e, s; int x = getresuid(&r, &e, &s); *real = r; *effective = e; *saved = s; return x;
}
/** getresgid(2). */
static inline int clinux_getresgid(uint32_t *real, uint32_t *effective, uint32_t *saved) {
    gid_t r, e, s; int x = getresgid(&r, &e, &s); *real = r; *effective = e; *saved = s; return x;
}
/** setresuid(2) with one uid for real, effective and saved. */
static inline int clinux_setresuid(uint32_t uid) { return setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid); }
/** setresgid(2) with one gid for real, effective and saved. */
static inline int clinux_setresgid(uint32_t gid) { return setresgid((gid_t)gid, (gid_t)gid, (gid_t)gid); }
/** setgroups(2) from a uint32_t list. */
static inline int clinux_setgroups(const uint32_t *groups, size_t count) {
    gid_t list[64]; if (count > 64) { errno = EINVAL; return -1; }
    for (size_t i = 0; i < count; i++) list[i] = (gid_t)groups[i];
    return setgroups(count, list);
}
/** The permitted, effective and inheritable capability sets of this process (capget, 64 bits). */
static inline int clinux_capget(uint64_t *permitted, uint64_t *effective, uint64_t *inheritable) {
    struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct data[2]; memset(data, 0, sizeof data);
    int r = (int)syscall(SYS_capget, &header, data);
    *permitted = (uint64_t)data[1].permitted << 32 | data[0].permitted;
    *effective = (uint64_t)data[1].effective << 32 | data[0].effective;
    *inheritable = (uint64_t)data[1].inheritable << 32 | data[0].inheritable;
    return r;
}
/** Sets this process's permitted, effective and inheritable capability sets (capset, 64 bits). */
static inline int clinux_capset(uint64_t permitted, uint64_t effective, uint64_t inheritable) {
    struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct data[2] = {
        { .effective = (uint32_t)effective, .permitted = (uint32_t)permitted, .inheritable = (uint32_t)inheritable },
        { .effective = (uint32_t)(effective >> 32), .permitted = (uint32_t)(permitted >> 32), .inheritable = (uint32_t)(inheritable >> 32) },
    };
    return (int)syscall(SYS_capset, &header, data);
}
/** PR_CAPBSET_DROP: removes capability `cap` from the bounding set (needs CAP_SETPCAP). */
static inline int clinux_capbset_drop(int cap) { return prctl(PR_CAPBSET_DROP, (unsigned long)cap, 0UL, 0UL, 0UL); }
/** PR_CAPBSET_READ: 1 when `cap` is in the bounding set, 0 when not, -1 (EINVAL) past the last capability. */
static inline int clinux_capbset_read(int cap) { return prctl(PR_CAPBSET_READ, (unsigned long)cap, 0UL, 0UL, 0UL); }
/** PR_CAP_AMBIENT_CLEAR_ALL. */
static inline int clinux_ambient_clear_all(void) { return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0UL, 0UL, 0UL); }
/** PR_CAP_AMBIENT_IS_SET for `cap`. */
static inline int clinux_ambient_is_set(int cap) { return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, (unsigned long)cap, 0UL, 0UL); }
/** PR_CAP_AMBIENT_RAISE for `cap` (it must be permitted and inheritable). */
static inline int clinux_ambient_raise(int cap) { return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, (unsigned long)cap, 0UL, 0UL); }
/** execvp(3) of `count` arguments packed one after another, each ending in a NUL (argv[0]
 * first); returns only on failure. */
static inline int clinux_execvp_packed(const char *packed, size_t count) {
    char **argv = calloc(count + 1, sizeof *argv);
    if (argv == NULL) return -1;
    const char *next = packed;
    for (size_t i = 0; i < count; i++) { argv[i] = (char *)next; next += strlen(next) + 1; }
    execvp(argv[0], argv);
    int saved = errno; free(argv); errno = saved; return -1;
}
/** PR_SET_NO_NEW_PRIVS: execve grants nothing from now on (setuid bits, file capabilities). */
static inline int clinux_set_no_new_privs(void) { return prctl(PR_SET_NO_NEW_PRIVS, 1UL, 0UL, 0UL, 0UL); }
/** PR_GET_NO_NEW_PRIVS. */
static inline int clinux_get_no_new_privs(void) { return prctl(PR_GET_NO_NEW_PRIVS, 0UL, 0UL, 0UL, 0UL); }
/** PR_SET_KEEPCAPS: keep the permitted set across the switch from uid 0 (1) or not (0). */
static inline int clinux_set_keepcaps(int keep) { return prctl(PR_SET_KEEPCAPS, (unsigned long)keep, 0UL, 0UL, 0UL); }

#endif
