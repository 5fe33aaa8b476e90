extension KubeletConfiguration {
    /// Eviction signals the kubelet understands.
    package static let evictionSignals: Set<String> = [
        "memory.available", "nodefs.available", "nodefs.inodesFree", "imagefs.available", "imagefs.inodesFree", "pid.available",
    ]
    /// Resource names allowed in systemReserved and kubeReserved.
    package static let reservedResources: Set<String> = ["cpu", "memory", "ephemeral-storage", "pid"]

    /// Problems with kubelet settings: known keys, parsable quantities/percentages/durations,
    /// image GC thresholds ordered, soft evictions paired with grace periods.
    package func validate(at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (field, value) in [("maxPods", maxPods), ("podsPerCore", podsPerCore), ("evictionMaxPodGracePeriod", evictionMaxPodGracePeriod)] {
            if let value, value < 0 { errors.append(FieldError(path: path.child(field), "\(field) must not be negative")) }
        }
        for (field, reserved) in [("systemReserved", systemReserved), ("kubeReserved", kubeReserved)] {
            for (key, value) in (reserved ?? [:]).sorted(by: { $0.key < $1.key }) {
                let entry = path.child(field).key(key)
                if !Self.reservedResources.contains(key) {
                    errors.append(FieldError(path: entry, "\(key) cannot be reserved; use one of \(Self.reservedResources.sorted().joined(separator: ", "))"))
                }
                if (try? Quantity(parsing: value)) == nil {
                    errors.append(FieldError(path: entry, "\"\(value)\" is not a quantity (e.g. 100m, 1Gi)"))
                }
            }
        }
        for (field, thresholds) in [("evictionHard", evictionHard), ("evictionSoft", evictionSoft)] {
            for (signal, value) in (thresholds ?? [:]).sorted(by: { $0.key < $1.key }) {
                let entry = path.child(field).key(signal)
                if !Self.evictionSignals.contains(signal) {
                    errors.append(FieldError(path: entry, "unknown eviction signal \(signal); use one of \(Self.evictionSignals.sorted().joined(separator: ", "))"))
                }
                if !Self.isThreshold(value) {
                    errors.append(FieldError(path: entry, "\"\(value)\" is not a quantity (e.g. 100Mi) or a percentage (e.g. 10%)"))
                }
            }
        }
        let soft = Set((evictionSoft ?? [:]).keys)
        let grace = Set((evictionSoftGracePeriod ?? [:]).keys)
        for signal in soft.subtracting(grace).sorted() {
            errors.append(FieldError(path: path.child("evictionSoftGracePeriod"), "missing a grace period for soft eviction signal \(signal)"))
        }
        for signal in grace.subtracting(soft).sorted() {
            errors.append(FieldError(path: path.child("evictionSoft"), "missing a soft eviction threshold for \(signal), which has a grace period"))
        }
        for (signal, value) in (evictionSoftGracePeriod ?? [:]).sorted(by: { $0.key < $1.key }) where GoDuration.parse(value) == nil {
            errors.append(FieldError(path: path.child("evictionSoftGracePeriod").key(signal), "\"\(value)\" is not a duration (e.g. 1m30s)"))
        }
        for (field, value) in [("imageGCHighThresholdPercent", imageGCHighThresholdPercent), ("imageGCLowThresholdPercent", imageGCLowThresholdPercent)] {
            if let value, !(0...100).contains(value) {
                errors.append(FieldError(path: path.child(field), "\(field) must be between 0 and 100; found \(value)"))
            }
        }
        if let high = imageGCHighThresholdPercent, let low = imageGCLowThresholdPercent, high <= low {
            errors.append(FieldError(path: path.child("imageGCHighThresholdPercent"), "imageGCHighThresholdPercent (\(high)) must be greater than imageGCLowThresholdPercent (\(low))"))
        }
        return errors
    }

    private static func isThreshold(_ value: String) -> Bool {
        if value.hasSuffix("%") { return Double(value.dropLast()).map { $0 >= 0 && $0 <= 100 } ?? false }
        return (try? Quantity(parsing: value)) != nil
    }
}
