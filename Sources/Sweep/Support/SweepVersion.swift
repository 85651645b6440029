import Foundation

/// Versions recorded in reports and metadata.
public enum SweepVersion {
    /// The version of the Sweep package.
    public static let version = "0.2.0"

    /// The Swift compiler that built this binary (to the minor version).
    public static var compiler: String {
        #if compiler(>=6.4)
        return "Swift 6.4 or later"
        #elseif compiler(>=6.3)
        return "Swift 6.3"
        #elseif compiler(>=6.2)
        return "Swift 6.2"
        #elseif compiler(>=6.1)
        return "Swift 6.1"
        #else
        return "Swift 6.0"
        #endif
    }

    /// The operating system this process runs on.
    public static var operatingSystem: String {
        ProcessInfo.processInfo.operatingSystemVersionString
    }
}
