public import FeedSiftCore
