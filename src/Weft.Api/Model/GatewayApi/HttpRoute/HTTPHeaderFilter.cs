namespace Weft.Api.Model.GatewayApi;

/// <summary>Headers to set (replace), add (append) and remove.</summary>
public sealed record HTTPHeaderFilter
{
    public IReadOnlyList<HTTPHeader>? Set { get; init; }

    public IReadOnlyList<HTTPHeader>? Add { get; init; }

    public IReadOnlyList<string>? Remove { get; init; }
}

public sealed record HTTPHeader
{
    public string? Name { get; init; }

    public string? Value { get; init; }
}
