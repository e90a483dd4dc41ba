// libgraphviz (libgvc and libcgraph: DOT laid out and rendered in-process), loaded on first use.
#include <graphviz/gvc.h>
#include "stubs.h"

#define L NSL_GRAPHVIZ
NSL_FN(L, GVC_t *, gvContext, (void), ())
NSL_FN(L, int, gvFreeContext, (GVC_t *gvc), (gvc))
NSL_FN(L, int, gvLayout, (GVC_t *gvc, graph_t *g, const char *engine), (gvc, g, engine))
NSL_FN(L, int, gvFreeLayout, (GVC_t *gvc, graph_t *g), (gvc, g))
NSL_FN(L, int, gvRenderData, (GVC_t *gvc, graph_t *g, const char *format, char **result, unsigned int *length),
       (gvc, g, format, result, length))
NSL_VOID(L, gvFreeRenderData, (char *data), (data))
NSL_FN(L, Agraph_t *, agmemread, (const char *text), (text))
NSL_FN(L, int, agclose, (Agraph_t *g), (g))
NSL_FN(L, int, agnnodes, (Agraph_t *g), (g))
NSL_FN(L, int, agnedges, (Agraph_t *g), (g))
