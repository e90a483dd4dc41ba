/*
 * int80: a 64-bit program that makes 32-bit system calls with `int $0x80`.
 * On the i386 ABI, 20 is getpid and 1 is exit; on x86_64, 20 is writev and 1 is
 * write. A tracer that ignores the ABI names these calls wrongly; nstrace reads
 * the ABI from PTRACE_GET_SYSCALL_INFO and labels them.
 */
int main(void) {
    long pid;
    __asm__ volatile("int $0x80" : "=a"(pid) : "a"(20L /* i386 getpid */) : "memory");
    __asm__ volatile("int $0x80" : : "a"(1L /* i386 exit */), "b"(pid > 0 ? 0L : 1L) : "memory");
    return 2;
}
