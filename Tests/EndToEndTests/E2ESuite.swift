import Foundation
import Testing

/// All end-to-end suites nest under this one so that they run one at a time (each starts
/// real processes; the machine has 2 cores) while the unit suites run alongside.
/// Enabled by `VIGIL_E2E=1` (exported by `scripts/test.sh`; `--unit` leaves it unset).
@Suite("End-to-end", .enabled(if: ProcessInfo.processInfo.environment["VIGIL_E2E"] == "1"), .serialized)
enum EndToEnd {}
