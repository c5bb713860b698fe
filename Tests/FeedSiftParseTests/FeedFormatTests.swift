import Testing

@testable import FeedSiftParse
