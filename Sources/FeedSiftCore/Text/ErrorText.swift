import FoundationEssentials
import Glibc

/// The texts Foundation's `NSError` gave for an error, for the messages
/// that quote a failed file operation: `localizedFailureReason` ("You
/// don’t have permission.") and `localizedDescription` ("The operation
/// could not be completed. You don’t have permission."). FileManager's
/// errors are `CocoaError`s; their reasons are Foundation's English table.
public enum ErrorText {
    /// `localizedFailureReason`: nil when Foundation had none.
    public static func failureReason(_ error: any Error) -> String? {
        if let error = error as? CocoaError {
            if let reason = error.userInfo["NSLocalizedFailureReason"] as? String { return reason }
            return cocoaReasons[error.code.rawValue]
        }
        if let error = error as? POSIXError {
            return String(cString: strerror(error.code.rawValue))
        }
        return nil
    }

    /// `localizedDescription`.
    public static func description(_ error: any Error) -> String {
        if let error = error as? CocoaError, let description = error.userInfo["NSLocalizedDescription"] as? String {
            return description
        }
        if let reason = failureReason(error) { return "The operation could not be completed. \(reason)" }
        // Without a reason, Foundation named the error's domain and code.
        let (domain, code) =
            if let error = error as? CocoaError { ("NSCocoaErrorDomain", error.code.rawValue) } else {
                (error._domain, error._code)
            }
        return "The operation could not be completed. (\(domain) error \(code).)"
    }

    private static let cocoaReasons: [Int: String] = [
        4: "The file doesn’t exist.",
        255: "The file couldn’t be locked.",
        257: "You don’t have permission.",
        258: "The file name is invalid.",
        259: "The file isn’t in the correct format.",
        260: "The file doesn’t exist.",
        261: "The specified text encoding isn’t applicable.",
        262: "The specified URL type isn’t supported.",
        263: "The item is too large.",
        264: "The text encoding of the contents couldn’t be determined.",
        513: "You don’t have permission.",
        514: "The file name is invalid.",
        516: "A file with the same name already exists.",
        517: "The specified text encoding isn’t applicable.",
        518: "The specified URL type isn’t supported.",
        640: "There isn’t enough space.",
        642: "The volume is read only.",
        1024: "The value is invalid.",
        2048: "The value is invalid.",
        3072: "The operation was cancelled.",
        3328: "The requested operation is not supported.",
        3840: "The data is not in the correct format.",
        3841: "The data is in a format that this application doesn’t understand.",
        3842: "An error occurred in the source of the data.",
        3851: "An error occurred in the destination for the data.",
        3852: "An error occurred in the content of the data.",
        4353: "The file is not available on iCloud yet.",
        4354: "There isn’t enough space in your account.",
        4355: "The iCloud servers might be unreachable or your settings might be incorrect.",
        4864: "The data isn’t in the correct format.",
        4865: "The data is missing.",
        4866: "The data isn’t in the correct format.",
    ]
}
