//! How kh reads a phrase: `kh explain phrase "Quý IV/2026"`.
