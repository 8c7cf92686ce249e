$version: "2.0"

namespace example.weather

@title("Weather")
service Weather {
    version: "2006-03-01"
    operations: [GetCurrentTime]
    resources: [City]
    errors: [ServiceError]
    rename: {"example.other#Forecast": "OtherForecast"}
}

resource City {
    identifiers: {cityId: CityId}
    properties: {name: String, coordinates: Coordinates}
    create: CreateCity
    read: GetCity
    update: UpdateCity
    delete: DeleteCity
    list: ListCities
    operations: [RenameCity]
    collectionOperations: [ImportCities]
    resources: [Forecast]
}

resource Forecast {
    identifiers: {cityId: CityId}
    put: PutForecast
}

string CityId

structure Coordinates {
    latitude: Float
    longitude: Float
}

@readonly
operation GetCurrentTime {
    output := {
        @required
        time: Timestamp
    }
}

operation CreateCity {
    input := for City {
        @required
        $name
        $coordinates
    }
    output := for City {
        @required
        $cityId
    }
}

@readonly
operation GetCity {
    input := for City {
        @required
        $cityId
    }
    output := for City {
        $name
    }
    errors: [NoSuchCity]
}

operation UpdateCity {}
operation DeleteCity {}
operation ListCities {}
operation RenameCity {}
operation ImportCities {}
operation PutForecast {}

@error("client")
structure NoSuchCity {
    message: String
}

@error("server")
@retryable(throttling: true)
structure ServiceError {}
