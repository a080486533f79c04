//! `embargo.EmbargoError`: every failure of the library as one Python exception whose `code`
//! is the stable code of `embargo_errors` (the CLI prints the same code and message).

use embargo_errors::{Code, ErrorCode};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    embargo,
    EmbargoError,
    PyException,
    "An embargo failure. `code` is its stable code (`unknown_list`, `snapshot_file_corrupt`, ...; see docs/errors.md); the message is the CLI's."
);

/// An [`EmbargoError`] with `code` set.
pub fn embargo_error(code: Code, message: impl Into<String>) -> PyErr {
    let err = EmbargoError::new_err(message.into());
    Python::attach(|py| {
        // Setting an attribute on a fresh exception instance cannot fail but for memory.
        let _ = err.value(py).setattr("code", code.as_str());
    });
    err
}

/// A library error as an [`EmbargoError`], with its code and message.
pub fn from_library<E: ErrorCode + std::fmt::Display>(error: E) -> PyErr {
    embargo_error(error.error_code(), error.to_string())
}

/// A library error with the context the CLI puts before it (`opening the store in DIR: ...`).
pub fn with_context<E: ErrorCode + std::fmt::Display>(context: &str, error: E) -> PyErr {
    embargo_error(error.error_code(), format!("{context}: {error}"))
}

/// An argument out of range or of the wrong kind (`invalid_parameter`).
pub fn invalid_parameter(message: impl Into<String>) -> PyErr {
    embargo_error(Code::InvalidParameter, message)
}
