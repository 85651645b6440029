import SweepCore
import Testing

/// The one pair of conversions between `ParameterValue` and `AttributeValue`.
@Suite struct ValueConversionTests {
    @Test func parameterAndAttributeValuesConvertBothWays() {
        let values: [ParameterValue] = [.float(0.25), .int(3), .string("relu"), .bool(true)]
        for v in values { #expect(ParameterValue(AttributeValue(v)) == v) }
        #expect(ParameterValue(AttributeValue.number(4)) == .int(4))
        #expect(ParameterValue(AttributeValue.number(.infinity)) == nil)
        #expect(ParameterValue(AttributeValue.null) == nil)
        #expect(ParameterValue(AttributeValue.array([1])) == nil)
    }
}
