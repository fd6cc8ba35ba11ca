namespace Weft.Api.Model.Security;

/// <summary>Rule.To: what a request does.</summary>
public sealed record RuleTo
{
    public RuleOperation? Operation { get; init; }
}
