namespace Weft.Api.Model.GatewayApi;

/// <summary>A GatewayClass's implementation-specific parameters: any object, cluster-scoped or in a namespace.</summary>
public sealed record ParametersReference
{
    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }
}

/// <summary>A Gateway's implementation-specific parameters, in the Gateway's own namespace.</summary>
public sealed record LocalParametersReference
{
    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }
}
