namespace Weft.Api.Model.Security;

/// <summary>ClaimToHeader: copies a verified claim into a request header.</summary>
public sealed record ClaimToHeader
{
    public string? Header { get; init; }
    public string? Claim { get; init; }
}
