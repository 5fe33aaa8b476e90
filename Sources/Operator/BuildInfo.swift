import Foundation

/// Version and commit of this build, reported by `karpenter version`, the `commit` log key and
/// (later) the `karpenter_build_info` metric.
///
/// The commit is stamped at packaging time through `KARPENTER_COMMIT` (the Dockerfile sets it from
/// its `COMMIT` build argument, `make run` from `git rev-parse`), so a plain `swift build` needs no
/// generated source and the work tree stays clean.
package struct BuildInfo: Sendable, Equatable {
    /// Semantic version of this release.
    package var version: String
    /// Short git commit SHA the binary was built from, or `unknown`.
    package var commit: String

    /// Creates build information.
    package init(version: String, commit: String) {
        self.version = version
        self.commit = commit
    }

    /// The running binary's build information.
    package static let current = BuildInfo(
        version: "0.1.0",
        commit: ProcessInfo.processInfo.environment["KARPENTER_COMMIT"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
    )
}
