extension ControlDispatcher {
    /// `metrics`: every metric in the Prometheus text format, as one string.
    func metricsText(_ parameters: inout ControlParameters) async throws(ControlError) -> JSONValue {
        try parameters.finish()
        return .string(await metrics.scrape(reader))
    }
}
