// libnl-3 and libnl-route-3 (links, addresses and veth pairs of a network namespace),
// loaded on first use.
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/cache.h>
#include <netlink/addr.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/route/link.h>
#include <netlink/route/addr.h>
#include <netlink/route/link/veth.h>
#include "stubs.h"

#define L NSL_NETLINK
typedef struct nl_sock S;
typedef struct rtnl_link Link;
typedef struct rtnl_addr Addr;

// libnl-3: sockets, messages, caches, addresses
NSL_FN(L, S *, nl_socket_alloc, (void), ())
NSL_VOID(L, nl_socket_free, (S *s), (s))
NSL_FN(L, int, nl_connect, (S *s, int protocol), (s, protocol))
NSL_FN(L, int, nl_send_auto, (S *s, struct nl_msg *m), (s, m))
NSL_FN(L, int, nl_recv, (S *s, struct sockaddr_nl *from, unsigned char **buf, struct ucred **creds),
       (s, from, buf, creds))
NSL_FN(L, const char *, nl_geterror, (int error), (error))
NSL_FN(L, struct nl_msg *, nlmsg_alloc_simple, (int type, int flags), (type, flags))
NSL_FN(L, int, nlmsg_append, (struct nl_msg *m, void *data, size_t len, int pad), (m, data, len, pad))
NSL_VOID(L, nlmsg_free, (struct nl_msg *m), (m))
NSL_FN(L, int, nla_put_u32, (struct nl_msg *m, int type, uint32_t value), (m, type, value))
NSL_VOID(L, nl_cache_free, (struct nl_cache *c), (c))
NSL_FN(L, struct nl_object *, nl_cache_get_first, (struct nl_cache *c), (c))
NSL_FN(L, struct nl_object *, nl_cache_get_next, (struct nl_object *o), (o))
NSL_FN(L, char *, nl_addr2str, (const struct nl_addr *a, char *buf, size_t len), (a, buf, len))
NSL_FN(L, int, nl_addr_parse, (const char *text, int family, struct nl_addr **out), (text, family, out))
NSL_VOID(L, nl_addr_put, (struct nl_addr *a), (a))

// libnl-route-3: links
NSL_FN(L, Link *, rtnl_link_alloc, (void), ())
NSL_VOID(L, rtnl_link_put, (Link *l), (l))
NSL_FN(L, int, rtnl_link_alloc_cache, (S *s, int family, struct nl_cache **out), (s, family, out))
NSL_FN(L, int, rtnl_link_get_kernel, (S *s, int ifindex, const char *name, Link **out), (s, ifindex, name, out))
NSL_FN(L, int, rtnl_link_add, (S *s, Link *l, int flags), (s, l, flags))
NSL_FN(L, int, rtnl_link_change, (S *s, Link *orig, Link *changes, int flags), (s, orig, changes, flags))
NSL_FN(L, unsigned int, rtnl_link_get_flags, (Link *l), (l))
NSL_FN(L, int, rtnl_link_get_ifindex, (Link *l), (l))
NSL_FN(L, int, rtnl_link_get_link, (Link *l), (l))
NSL_FN(L, int, rtnl_link_get_link_netnsid, (const Link *l, int32_t *out), (l, out))
NSL_FN(L, char *, rtnl_link_get_name, (Link *l), (l))
NSL_FN(L, char *, rtnl_link_get_type, (Link *l), (l))
NSL_VOID(L, rtnl_link_set_flags, (Link *l, unsigned int flags), (l, flags))
NSL_VOID(L, rtnl_link_set_name, (Link *l, const char *name), (l, name))
NSL_VOID(L, rtnl_link_set_ns_fd, (Link *l, int fd), (l, fd))
NSL_FN(L, Link *, rtnl_link_veth_alloc, (void), ())
NSL_FN(L, Link *, rtnl_link_veth_get_peer, (Link *l), (l))

// libnl-route-3: addresses
NSL_FN(L, Addr *, rtnl_addr_alloc, (void), ())
NSL_VOID(L, rtnl_addr_put, (Addr *a), (a))
NSL_FN(L, int, rtnl_addr_alloc_cache, (S *s, struct nl_cache **out), (s, out))
NSL_FN(L, int, rtnl_addr_add, (S *s, Addr *a, int flags), (s, a, flags))
NSL_FN(L, int, rtnl_addr_get_ifindex, (Addr *a), (a))
NSL_FN(L, struct nl_addr *, rtnl_addr_get_local, (Addr *a), (a))
NSL_FN(L, int, rtnl_addr_get_prefixlen, (Addr *a), (a))
NSL_VOID(L, rtnl_addr_set_ifindex, (Addr *a, int ifindex), (a, ifindex))
NSL_FN(L, int, rtnl_addr_set_local, (Addr *a, struct nl_addr *local), (a, local))
