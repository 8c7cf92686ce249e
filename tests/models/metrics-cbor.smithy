$version: "2"

namespace example.metrics

use smithy.protocols#rpcv2Cbor

/// A small store of metric data points, grouped into named series, spoken
/// over Smithy RPC v2 CBOR.
@rpcv2Cbor
@title("Metrics")
service Metrics {
    version: "2026-12-01"
    operations: [PutData, ListSeries, GetData, Ping]
    errors: [ThrottledError]
}

/// Stores data points.
operation PutData {
    input := {
        /// The namespace the points belong to.
        @required
        namespace: Name

        /// The points to store.
        @required
        @length(max: 1000)
        points: DataPoints
    }

    output := {
        /// How many points were stored.
        stored: Integer
    }

    errors: [InvalidPointError]
}

/// Lists the series of a namespace, a page at a time.
@readonly
@paginated(inputToken: "nextToken", outputToken: "nextToken", pageSize: "maxResults", items: "series")
operation ListSeries {
    input := {
        /// Only series of this namespace; all when absent.
        namespace: Name

        /// Where the previous page ended.
        nextToken: String

        /// The most series on one page.
        @range(min: 1, max: 500)
        maxResults: Integer
    }

    output := {
        /// The series of this page.
        series: SeriesList

        /// Where the next page starts; absent on the last page.
        nextToken: String
    }
}

/// Reads the data points of one series between two times.
@readonly
operation GetData {
    input := {
        /// The series' namespace.
        @required
        namespace: Name

        /// The series.
        @required
        series: Name

        /// The earliest time included.
        @required
        start: Timestamp

        /// The latest time included.
        @required
        end: Timestamp
    }

    output := {
        /// The points, oldest first.
        points: DataPoints

        /// What the points add up to.
        statistics: Statistics

        /// The points as two columns, as dashboards read them.
        columns: Columns
    }

    errors: [NotFoundError]
}

/// Answers when the service is up.
@readonly
operation Ping {}

/// Points as columns: the times and the values at the same index.
structure Columns {
    /// When each value was taken.
    times: Times

    /// The values.
    values: Values
}

/// Times.
list Times {
    member: Timestamp
}

/// Values.
list Values {
    member: Double
}

/// A namespace or series name.
@length(min: 1, max: 255)
@pattern("^[A-Za-z0-9_./-]+$")
string Name

/// Data points.
list DataPoints {
    member: DataPoint
}

/// Series.
list SeriesList {
    member: Series
}

/// One measurement of a series.
structure DataPoint {
    /// The series it belongs to.
    @required
    series: Name

    /// When it was taken.
    @required
    time: Timestamp

    /// The measured value.
    @required
    value: Double

    /// What the value counts.
    unit: MetricUnit

    /// Labels the point carries.
    dimensions: Dimensions

    /// The raw sample, when the producer keeps one.
    sample: Blob

    /// How many samples the value stands for.
    count: Long

    /// The point's weight in averages.
    weight: Float

    /// An exact total, however large.
    exact: BigInteger

    /// An exact ratio, however precise.
    ratio: BigDecimal
}

/// Labels as name and value.
map Dimensions {
    key: String
    value: String
}

/// What a value counts.
enum MetricUnit {
    SECONDS = "Seconds"
    BYTES = "Bytes"
    COUNT = "Count"
    NONE = "None"
}

/// A named series and when it last received a point.
structure Series {
    /// The series' namespace.
    @required
    namespace: Name

    /// The series' name.
    @required
    name: Name

    /// When its latest point was stored.
    lastUpdated: Timestamp
}

/// What a series' points add up to.
union Statistics {
    /// The sum and count of the points.
    summary: Summary

    /// No point fell in the window.
    empty: Unit
}

/// The sum and count of some points.
structure Summary {
    /// Their sum.
    @required
    sum: Double

    /// How many there were.
    @required
    sampleCount: Long

    /// The largest value.
    maximum: Double

    /// The smallest value.
    minimum: Double
}

/// A point was refused.
@error("client")
structure InvalidPointError {
    /// Why.
    message: String

    /// The index of the first refused point.
    index: Integer
}

/// The series does not exist.
@error("client")
@httpError(404)
structure NotFoundError {
    /// Which series.
    message: String
}

/// Too many requests; try again later.
@error("client")
@retryable(throttling: true)
@httpError(429)
structure ThrottledError {
    /// Why.
    Message: String
}
