namespace Weft.Api.Model.GatewayApi;

/// <summary>Sends a copy of requests to another backend and drops its responses.</summary>
public sealed record HTTPRequestMirrorFilter
{
    public BackendObjectReference? BackendRef { get; init; }

    /// <summary>Percentage of requests mirrored (0-100); exclusive with <see cref="Fraction"/>.</summary>
    public int? Percent { get; init; }

    public Fraction? Fraction { get; init; }
}

/// <summary>numerator/denominator; the denominator defaults to 100.</summary>
public sealed record Fraction
{
    public int? Numerator { get; init; }

    public int? Denominator { get; init; }
}
