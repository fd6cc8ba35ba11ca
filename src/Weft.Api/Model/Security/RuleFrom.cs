namespace Weft.Api.Model.Security;

/// <summary>Rule.From: where a request comes from.</summary>
public sealed record RuleFrom
{
    public RuleSource? Source { get; init; }
}
