namespace Weft.Api.Model.GatewayApi;

/// <summary>Conditions a request must all meet: path, headers, query parameters, method.</summary>
public sealed record HTTPRouteMatch
{
    /// <summary>Defaults to a prefix match on <c>/</c>.</summary>
    public HTTPPathMatch? Path { get; init; }

    public IReadOnlyList<HTTPHeaderMatch>? Headers { get; init; }

    public IReadOnlyList<HTTPQueryParamMatch>? QueryParams { get; init; }

    public HTTPMethod? Method { get; init; }
}

public sealed record HTTPPathMatch
{
    /// <summary>Defaults to <see cref="PathMatchType.PathPrefix"/>.</summary>
    public PathMatchType? Type { get; init; }

    /// <summary>Defaults to <c>/</c>.</summary>
    public string? Value { get; init; }

    public PathMatchType TypeOrDefault => Type ?? PathMatchType.PathPrefix;

    public string ValueOrDefault => Value ?? "/";
}

public sealed record HTTPHeaderMatch
{
    /// <summary>Defaults to <see cref="HeaderMatchType.Exact"/>.</summary>
    public HeaderMatchType? Type { get; init; }

    public string? Name { get; init; }

    public string? Value { get; init; }
}

public sealed record HTTPQueryParamMatch
{
    /// <summary>Defaults to <see cref="HeaderMatchType.Exact"/>.</summary>
    public HeaderMatchType? Type { get; init; }

    public string? Name { get; init; }

    public string? Value { get; init; }
}

public enum PathMatchType
{
    Exact,
    PathPrefix,
    RegularExpression,
}

/// <summary>How a header, query parameter or gRPC method value is compared (HeaderMatchType, QueryParamMatchType, GRPC*MatchType in Go).</summary>
public enum HeaderMatchType
{
    Exact,
    RegularExpression,
}
