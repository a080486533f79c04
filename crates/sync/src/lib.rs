//! embargo-sync (being written).
