//! Errors of text and payment screening, each with its stable code.

use embargo_errors::{Code, ErrorCode};
use std::fmt;

/// Why a text was not screened.
#[derive(Debug, Clone, PartialEq)]
pub enum TextError {
    /// The text is larger than [`crate::MAX_TEXT_BYTES`].
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A threshold outside 0..1.
    InvalidThreshold(f64),
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::TooLarge { bytes, limit } => {
                write!(f, "the text is {bytes} bytes long; at most {limit} bytes are screened at once")
            }
            TextError::InvalidThreshold(t) => write!(f, "threshold {t} is outside 0..1"),
        }
    }
}

impl std::error::Error for TextError {}

impl ErrorCode for TextError {
    fn error_code(&self) -> Code {
        match self {
            TextError::TooLarge { .. } => Code::TextTooLarge,
            TextError::InvalidThreshold(_) => Code::InvalidParameter,
        }
    }
}

/// Why a payment message was not screened.
#[derive(Debug, Clone, PartialEq)]
pub enum PaymentError {
    /// Neither MT103 nor an ISO 20022 message this crate reads.
    UnknownFormat(String),
    /// The message is malformed; `at` names the field or line (`field 59 line 3`, `line 12`,
    /// `PmtInf[1]/CdtTrfTxInf[2]/Cdtr`).
    Malformed {
        /// The format read (`MT103`, `pacs.008`).
        format: &'static str,
        /// The field, line or element path.
        at: String,
        /// What is wrong and what was expected.
        message: String,
    },
    /// The text was refused as a whole (too large, or a bad option).
    Text(TextError),
}

impl PaymentError {
    pub(crate) fn malformed(
        format: &'static str,
        at: impl Into<String>,
        message: impl Into<String>,
    ) -> PaymentError {
        PaymentError::Malformed { format, at: at.into(), message: message.into() }
    }
}

impl fmt::Display for PaymentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaymentError::UnknownFormat(why) => write!(
                f,
                "not a payment message read here (SWIFT MT103, ISO 20022 pacs.008, pain.001, pain.008): {why}"
            ),
            PaymentError::Malformed { format, at, message } => {
                write!(f, "malformed {format}: {at}: {message}")
            }
            PaymentError::Text(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for PaymentError {}

impl ErrorCode for PaymentError {
    fn error_code(&self) -> Code {
        match self {
            PaymentError::UnknownFormat(_) => Code::UnknownPaymentFormat,
            PaymentError::Malformed { .. } => Code::InvalidPaymentMessage,
            PaymentError::Text(e) => e.error_code(),
        }
    }
}

impl From<TextError> for PaymentError {
    fn from(e: TextError) -> Self {
        PaymentError::Text(e)
    }
}
