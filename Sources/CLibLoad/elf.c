// libelf (entrypoint facts of images, -k symbols), loaded on first use.
#include <libelf.h>
#include <gelf.h>
#include "stubs.h"

#define L NSL_ELF
NSL_FN(L, unsigned int, elf_version, (unsigned int version), (version))
NSL_FN(L, Elf *, elf_begin, (int fd, Elf_Cmd cmd, Elf *ref), (fd, cmd, ref))
NSL_FN(L, Elf *, elf_memory, (char *image, size_t size), (image, size))
NSL_FN(L, int, elf_end, (Elf *e), (e))
NSL_FN(L, Elf_Scn *, elf_nextscn, (Elf *e, Elf_Scn *scn), (e, scn))
NSL_FN(L, Elf_Data *, elf_getdata, (Elf_Scn *scn, Elf_Data *data), (scn, data))
NSL_FN(L, int, elf_getphdrnum, (Elf *e, size_t *n), (e, n))
NSL_FN(L, char *, elf_strptr, (Elf *e, size_t index, size_t offset), (e, index, offset))
NSL_FN(L, int, gelf_getclass, (Elf *e), (e))
NSL_FN(L, GElf_Ehdr *, gelf_getehdr, (Elf *e, GElf_Ehdr *dst), (e, dst))
NSL_FN(L, GElf_Phdr *, gelf_getphdr, (Elf *e, int i, GElf_Phdr *dst), (e, i, dst))
NSL_FN(L, GElf_Shdr *, gelf_getshdr, (Elf_Scn *scn, GElf_Shdr *dst), (scn, dst))
NSL_FN(L, GElf_Dyn *, gelf_getdyn, (Elf_Data *data, int i, GElf_Dyn *dst), (data, i, dst))
NSL_FN(L, GElf_Sym *, gelf_getsym, (Elf_Data *data, int i, GElf_Sym *dst), (data, i, dst))
