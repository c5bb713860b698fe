import FeedSiftCore
import Logging

/// The executable's logging set-up: log lines go to stderr (the journal,
/// under systemd) at the configured level. Libraries only receive a
/// `Logger`; this is the one place that bootstraps swift-log.
enum LogSetup {
    static func bootstrap(level: LogLevelSetting) -> Logger {
        let level = Logger.Level(rawValue: level.rawValue) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "feedsift")
        logger.logLevel = level
        return logger
    }
}
