"""The Qt-free core: reading files, extracting entities, storing and querying them."""
