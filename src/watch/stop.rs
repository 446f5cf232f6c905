//! Stopping `dangos watch` on Ctrl+C, at once, but never in the middle of a write.

use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use std::sync::{Arc, Mutex};

/// Ends the process when Ctrl+C is pressed, as soon as `writing` is free: whoever
/// writes the output folder holds it, so a write in progress is finished first and
/// the folder is never left half-updated. Anything else (waiting for changes,
/// rendering in memory) is simply stopped.
pub fn exit_on_ctrl_c(writing: Arc<Mutex<()>>) -> Result<(), Diagnostic> {
    let fail =
        |e: std::io::Error| Diagnostic::new(Code::Watch, format!("cannot watch for Ctrl+C: {e}"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(fail)?;
    std::thread::Builder::new()
        .name("dangos-ctrl-c".into())
        .spawn(move || {
            if runtime.block_on(tokio::signal::ctrl_c()).is_ok() {
                let _done = writing.lock().unwrap_or_else(|e| e.into_inner());
                println!("Stopped.");
                std::process::exit(0);
            }
        })
        .map_err(fail)?;
    Ok(())
}
