namespace Weft.Api.Model.Security;

/// <summary>
/// AuthorizationPolicy Rule: a request matches when it matches any <c>from</c>, any <c>to</c> and
/// every <c>when</c>; an absent list matches everything.
/// </summary>
public sealed record AuthorizationRule
{
    public IReadOnlyList<RuleFrom>? From { get; init; }
    public IReadOnlyList<RuleTo>? To { get; init; }
    public IReadOnlyList<RuleCondition>? When { get; init; }
}
