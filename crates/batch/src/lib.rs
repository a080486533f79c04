//! embargo-batch (being written).
