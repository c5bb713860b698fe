/// Every distinct folded word and prefix the rules use (the atoms leaves
/// are made of), each with its `WordHash` fingerprint, so testing an atom
/// against a word of an item compares integers: bytes are read only for
/// words longer than 8 bytes whose fingerprints agree.
struct TermAtoms: Sendable {
    private var lengths: [Int32] = []
    private var heads: [UInt64] = []
    private var hashes: [UInt64] = []
    private var prefixFlags: [Bool] = []
    /// `bytes[offsets[atom]..<offsets[atom + 1]]` is the atom's folded text.
    private var bytes: [UInt8] = []
    private var offsets: [Int32] = [0]

    var count: Int { lengths.count }

    /// Adds an atom; its id is the number of atoms before it.
    mutating func append(_ word: [UInt8], isPrefix: Bool) {
        lengths.append(Int32(word.count))
        heads.append(WordHash.head(word))
        hashes.append(WordHash.hash(word))
        prefixFlags.append(isPrefix)
        bytes += word
        offsets.append(Int32(bytes.count))
    }

    func isPrefix(_ atom: Int32) -> Bool { prefixFlags[Int(atom)] }
    func length(_ atom: Int32) -> Int { Int(lengths[Int(atom)]) }
    func hash(_ atom: Int32) -> UInt64 { hashes[Int(atom)] }
    func head(_ atom: Int32) -> UInt64 { heads[Int(atom)] }
    func text(_ atom: Int32) -> ArraySlice<UInt8> { bytes[Int(offsets[Int(atom)])..<Int(offsets[Int(atom) + 1])] }

    /// Whether `atom` matches word `index`: the same word, or (for a
    /// prefix) a beginning of it. Folded words hold no zero byte, so a head
    /// with zeros says where a short word ends: equal heads of words under
    /// 8 bytes are equal words, and a masked head settles a short prefix.
    @inline(__always)
    func matches(_ atom: Int32, word index: Int, in words: borrowing ItemWords) -> Bool {
        let atomIndex = Int(atom)
        let length = lengths[atomIndex]
        let head = words.heads[index]
        if prefixFlags[atomIndex] {
            guard head & WordHash.mask(Int(length)) == heads[atomIndex] else { return false }
            if length <= 8 { return true }
            guard words.places[index].length >= length else { return false }
        } else {
            guard head == heads[atomIndex] else { return false }
            if length < 8 { return true }
            guard words.places[index].length == length else { return false }
            if length == 8 { return true }
        }
        return restMatches(atomIndex, words.bytes(of: index))
    }

    /// What a scan of many words compares with, read out of the tables once.
    func probe(_ atom: Int32) -> AtomProbe {
        let index = Int(atom)
        let length = lengths[index]
        let isPrefix = prefixFlags[index]
        return AtomProbe(
            head: heads[index], mask: isPrefix ? WordHash.mask(Int(length)) : ~0,
            isCertain: isPrefix ? length <= 8 : length < 8)
    }

    /// Whether bytes 8 and on of atom `index` equal those at `word`.
    private func restMatches(_ index: Int, _ word: UnsafePointer<UInt8>) -> Bool {
        let start = Int(offsets[index])
        let end = Int(offsets[index + 1])
        return bytes.withUnsafeBufferPointer { bytes in
            var offset = 8
            while start + offset < end {
                if bytes[start + offset] != word[offset] { return false }
                offset += 1
            }
            return true
        }
    }
}

/// An atom's head, for comparing it with the heads of every word of an
/// item in a tight loop: most words differ in the head.
struct AtomProbe {
    let head: UInt64
    let mask: UInt64
    /// Whether equal heads mean a match (the atom fits in its head).
    let isCertain: Bool

    @inline(__always)
    func mayMatch(_ wordHead: UInt64) -> Bool { wordHead & mask == head }

    /// Calls `body` with the index of each head that may match, in order,
    /// until it returns false; compares four heads at a time.
    @inline(__always)
    func forEachHeadMatch(_ heads: UnsafePointer<UInt64>, count: Int, _ body: (Int) -> Bool) {
        let masks = SIMD4<UInt64>(repeating: mask)
        let wanted = SIMD4<UInt64>(repeating: head)
        var start = 0
        while start &+ 4 <= count {
            let group = UnsafeRawPointer(heads + start).loadUnaligned(as: SIMD4<UInt64>.self)
            if any(group & masks .== wanted) {
                for index in start..<start &+ 4 where mayMatch(heads[index]) {
                    if !body(index) { return }
                }
            }
            start &+= 4
        }
        for index in start..<count where mayMatch(heads[index]) {
            if !body(index) { return }
        }
    }
}
