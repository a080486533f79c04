//! embargo-store (being written).
