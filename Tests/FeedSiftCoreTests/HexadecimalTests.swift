import FeedSiftCore
import Testing

@Suite struct HexadecimalTests {
    @Test func readsDigitsOfEitherCaseAndNothingElse() {
        let values = Array("09afAF".utf8).map(Hexadecimal.digitValue)
        #expect(values == [0, 9, 10, 15, 10, 15])
        #expect(Array("g/:@G ".utf8).allSatisfy { Hexadecimal.digitValue($0) == nil })
    }

    @Test func writesAFixedWidth() {
        #expect(Hexadecimal.digits(0xbeef, count: 8) == "0000beef")
        #expect(Hexadecimal.digits(UInt64.max, count: 8) == "ffffffffffffffff", "never cut")
        #expect(Hexadecimal.digits(0, count: 1) == "0")
    }
}
