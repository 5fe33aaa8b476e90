/// Version and commit of this build, reported by `karpenter version`, the `commit` log key and
/// the `karpenter_build_info` metric. The Makefile passes them through the environment at run time
/// only when they are not compiled in (`KARPENTER_COMMIT`), so a plain `swift build` still works.
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
    package static let current = BuildInfo(version: "0.1.0", commit: GeneratedCommit.value)
}
