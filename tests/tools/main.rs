//! Interoperability with the real ADR tools: adr-tools (apt), log4brains (npm) and pyadr (PyPI).

mod adr_interop;
mod adr_tools;
