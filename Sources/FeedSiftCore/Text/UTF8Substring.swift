extension String {
    /// The characters at `range` of the string's UTF-8, which must fall on
    /// character boundaries (ranges found by scanning the bytes for ASCII
    /// delimiters do). For a native string the offsets cost nothing to
    /// turn into indices.
    @inlinable
    public func substring(utf8Range range: Range<Int>) -> Substring {
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return self[start..<utf8.index(start, offsetBy: range.count)]
    }
}
