// NSImage: image tarballs and layouts (issue 5).
