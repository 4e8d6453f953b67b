import VigilCore

/// Checks label sets the way Alertmanager does, plus size limits.
enum LabelValidation {
    static func check(_ labels: LabelSet, field: String, limits: IngestLimits, requireOne: Bool) throws(IngestError) {
        if requireOne, labels.isEmpty { throw .invalid("\(field): at least one label is required") }
        guard labels.count <= limits.maxLabelsPerAlert else {
            throw .invalid("\(field): \(labels.count) labels, at most \(limits.maxLabelsPerAlert) allowed")
        }
        for (name, value) in labels {
            guard isValidName(name) else {
                throw .invalid("\(field): invalid label name '\(name.prefix(64))' (must match [a-zA-Z_][a-zA-Z0-9_]*)")
            }
            guard value.utf8.count <= limits.maxLabelValueBytes else {
                throw .invalid("\(field).\(name): value longer than \(limits.maxLabelValueBytes) bytes")
            }
        }
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 256, ExpositionLine.isNameStart(first, colon: false) else { return false }
        return name.utf8.allSatisfy { ExpositionLine.isNameByte($0, colon: false) }
    }
}
