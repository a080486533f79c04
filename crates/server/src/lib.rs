//! embargo-server (being written).
