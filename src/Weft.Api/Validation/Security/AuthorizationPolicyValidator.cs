using Weft.Api.Model.Security;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Security;

/// <summary>
/// AuthorizationPolicy, as Istio's CRD schema and validating webhook check it: the action and its
/// provider, rules that are never empty, the forms of principals, namespaces, addresses, ports,
/// methods and paths, and only the condition keys Istio supports.
/// </summary>
public sealed class AuthorizationPolicyValidator : KindValidator<AuthorizationPolicy>
{
    public override IEnumerable<FieldError> Validate(AuthorizationPolicy obj, ValidationContext ctx)
    {
        var spec = obj.Spec ?? new AuthorizationPolicySpec();
        var action = spec.Action ?? AuthorizationPolicyAction.Allow;
        return
        [
            .. MetadataRules.Annotations(obj, DryRunProblem(action)),
            .. PolicyTargetRules.All("spec", spec.Selector, spec.TargetRef, spec.TargetRefs),
            .. ActionRules(spec, action),
            .. RulesOf(spec.Rules, action),
        ];
    }

    // istio.io/dry-run only makes sense where a decision can be simulated: ALLOW and DENY.
    private static string DryRunProblem(AuthorizationPolicyAction action) =>
        action is AuthorizationPolicyAction.Allow or AuthorizationPolicyAction.Deny
            ? ""
            : $"{MetadataRules.DryRun} is only supported with the ALLOW and DENY actions, not {Wire(action)}";

    private static IEnumerable<FieldError> ActionRules(AuthorizationPolicySpec spec, AuthorizationPolicyAction action)
    {
        if (spec.Provider is not null && action != AuthorizationPolicyAction.Custom)
            yield return FieldError.Forbidden("spec.provider", $"only a CUSTOM action has a provider; the action is {Wire(action)}");
        if (action == AuthorizationPolicyAction.Custom)
        {
            if (spec.Rules is null)
                yield return FieldError.Required("spec.rules",
                    "a CUSTOM action without rules is never triggered; add an empty rule {} to trigger it for every request");
            else if (string.IsNullOrEmpty(spec.Provider?.Name))
                yield return FieldError.Required("spec.provider.name", "a CUSTOM action names the extension provider that decides");
        }
        if (action == AuthorizationPolicyAction.Deny && spec.Rules is null)
            yield return FieldError.Required("spec.rules",
                "a DENY action without rules is never triggered; add an empty rule {} to deny every request");
    }

    private static IEnumerable<FieldError> RulesOf(IReadOnlyList<AuthorizationRule>? rules, AuthorizationPolicyAction action)
    {
        if (rules is null)
            yield break;
        if (Crd.MaxItems("spec.rules", rules.Count, 512) is { } tooMany)
            yield return tooMany;
        for (var i = 0; i < rules.Count; i++)
        {
            var at = FieldPath.Index("spec.rules", i);
            foreach (var e in FromRules(at, rules[i].From, action))
                yield return e;
            foreach (var e in ToRules(at, rules[i].To))
                yield return e;
            foreach (var e in WhenRules(at, rules[i].When, action))
                yield return e;
        }
    }

    private static IEnumerable<FieldError> FromRules(string rulePath, IReadOnlyList<RuleFrom>? from, AuthorizationPolicyAction action)
    {
        if (from is null)
            yield break;
        var at = FieldPath.Child(rulePath, "from");
        if (from.Count == 0)
            yield return FieldError.Required(at, "an empty list matches no request; remove \"from\" to match every source");
        if (Crd.MaxItems(at, from.Count, 512) is { } tooMany)
            yield return tooMany;
        for (var i = 0; i < from.Count; i++)
        {
            var sourcePath = FieldPath.Child(FieldPath.Index(at, i), "source");
            if (from[i].Source is not { } source)
            {
                yield return FieldError.Required(sourcePath);
                continue;
            }
            foreach (var e in SourceRules(sourcePath, source, action))
                yield return e;
        }
    }

    private static IEnumerable<FieldError> SourceRules(string at, RuleSource s, AuthorizationPolicyAction action)
    {
        if ((s.ServiceAccounts ?? s.NotServiceAccounts) is not null
            && (s.Principals ?? s.NotPrincipals ?? s.Namespaces ?? s.NotNamespaces) is not null)
            yield return Crd.Rule(at, "object", "Cannot set serviceAccounts with namespaces or principals");
        if (IsEmpty(s))
            yield return FieldError.Required(at, "a source sets at least one field; remove it to match every source");
        foreach (var e in Each(at, "principals", s.Principals, AuthorizationValues.Principal))
            yield return e;
        foreach (var e in Each(at, "notPrincipals", s.NotPrincipals, AuthorizationValues.Principal))
            yield return e;
        foreach (var e in Each(at, "requestPrincipals", s.RequestPrincipals, RequestPrincipal))
            yield return e;
        foreach (var e in Each(at, "notRequestPrincipals", s.NotRequestPrincipals, RequestPrincipal))
            yield return e;
        foreach (var e in Each(at, "namespaces", s.Namespaces, AuthorizationValues.Namespace))
            yield return e;
        foreach (var e in Each(at, "notNamespaces", s.NotNamespaces, AuthorizationValues.Namespace))
            yield return e;
        foreach (var e in ServiceAccounts(at, "serviceAccounts", s.ServiceAccounts))
            yield return e;
        foreach (var e in ServiceAccounts(at, "notServiceAccounts", s.NotServiceAccounts))
            yield return e;
        foreach (var e in Each(at, "ipBlocks", s.IpBlocks, AuthorizationValues.IpBlock))
            yield return e;
        foreach (var e in Each(at, "notIpBlocks", s.NotIpBlocks, AuthorizationValues.IpBlock))
            yield return e;
        foreach (var e in Each(at, "remoteIpBlocks", s.RemoteIpBlocks, AuthorizationValues.IpBlock))
            yield return e;
        foreach (var e in Each(at, "notRemoteIpBlocks", s.NotRemoteIpBlocks, AuthorizationValues.IpBlock))
            yield return e;
        foreach (var e in Each(at, "trustDomains", s.TrustDomains, Plain))
            yield return e;
        foreach (var e in Each(at, "notTrustDomains", s.NotTrustDomains, Plain))
            yield return e;
        if (action == AuthorizationPolicyAction.Custom)
        {
            // The ext_authz filter runs before Istio knows the peer's identity or the request's JWT.
            foreach (var (name, list) in new (string, IReadOnlyList<string>?)[]
            {
                ("namespaces", s.Namespaces), ("notNamespaces", s.NotNamespaces), ("serviceAccounts", s.ServiceAccounts),
                ("notServiceAccounts", s.NotServiceAccounts), ("principals", s.Principals), ("notPrincipals", s.NotPrincipals),
                ("requestPrincipals", s.RequestPrincipals), ("notRequestPrincipals", s.NotRequestPrincipals),
            })
            {
                if (list is { Count: > 0 })
                    yield return FieldError.Forbidden(FieldPath.Child(at, name), "not supported with the CUSTOM action");
            }
        }
    }

    private static IEnumerable<FieldError> ServiceAccounts(string at, string field, IReadOnlyList<string>? values)
    {
        if (values is null)
            yield break;
        var path = FieldPath.Child(at, field);
        if (Crd.MaxItems(path, values.Count, 16) is { } tooMany)
            yield return tooMany;
        for (var i = 0; i < values.Count; i++)
        {
            var itemPath = FieldPath.Index(path, i);
            if ((Crd.MaxLength(itemPath, values[i], 320) ?? AuthorizationValues.ServiceAccount(itemPath, values[i])) is { } e)
                yield return e;
        }
    }

    private static IEnumerable<FieldError> ToRules(string rulePath, IReadOnlyList<RuleTo>? to)
    {
        if (to is null)
            yield break;
        var at = FieldPath.Child(rulePath, "to");
        if (to.Count == 0)
            yield return FieldError.Required(at, "an empty list matches no request; remove \"to\" to match every operation");
        for (var i = 0; i < to.Count; i++)
        {
            var opPath = FieldPath.Child(FieldPath.Index(at, i), "operation");
            if (to[i].Operation is not { } op)
            {
                yield return FieldError.Required(opPath);
                continue;
            }
            if (IsEmpty(op))
                yield return FieldError.Required(opPath, "an operation sets at least one field; remove it to match every operation");
            foreach (var e in Each(opPath, "hosts", op.Hosts, Plain))
                yield return e;
            foreach (var e in Each(opPath, "notHosts", op.NotHosts, Plain))
                yield return e;
            foreach (var e in Each(opPath, "ports", op.Ports, AuthorizationValues.Port))
                yield return e;
            foreach (var e in Each(opPath, "notPorts", op.NotPorts, AuthorizationValues.Port))
                yield return e;
            foreach (var e in Each(opPath, "methods", op.Methods, AuthorizationValues.Method))
                yield return e;
            foreach (var e in Each(opPath, "notMethods", op.NotMethods, AuthorizationValues.Method))
                yield return e;
            foreach (var e in Each(opPath, "paths", op.Paths, AuthorizationValues.Path))
                yield return e;
            foreach (var e in Each(opPath, "notPaths", op.NotPaths, AuthorizationValues.Path))
                yield return e;
        }
    }

    private static IEnumerable<FieldError> WhenRules(string rulePath, IReadOnlyList<RuleCondition>? when, AuthorizationPolicyAction action)
    {
        if (when is null)
            yield break;
        var at = FieldPath.Child(rulePath, "when");
        for (var i = 0; i < when.Count; i++)
        {
            var c = when[i];
            var condPath = FieldPath.Index(at, i);
            var keyPath = FieldPath.Child(condPath, "key");
            if (c.Key is null)
            {
                yield return FieldError.Required(keyPath);
                continue;
            }
            if (c.Key.Length == 0)
            {
                yield return FieldError.Invalid(keyPath, c.Key, "must not be empty");
                continue;
            }
            if (ConditionKeys.KeyProblem(c.Key) is { } problem)
            {
                yield return FieldError.Invalid(keyPath, c.Key, problem);
                continue;
            }
            if (action == AuthorizationPolicyAction.Custom && IsIdentityKey(c.Key))
                yield return FieldError.Forbidden(keyPath, $"{c.Key} is not supported with the CUSTOM action");
            if (c.Values is not { Count: > 0 } && c.NotValues is not { Count: > 0 })
            {
                yield return FieldError.Required(FieldPath.Child(condPath, "values"), $"at least one of values or notValues must be set for key {c.Key}");
                continue;
            }
            var key = c.Key;
            foreach (var e in Each(condPath, "values", c.Values, (p, v) => ConditionKeys.Value(key, p, v)))
                yield return e;
            foreach (var e in Each(condPath, "notValues", c.NotValues, (p, v) => ConditionKeys.Value(key, p, v)))
                yield return e;
        }
    }

    private static bool IsIdentityKey(string key) =>
        key is "source.namespace" or "source.serviceAccount" or "source.principal" || key.StartsWith("request.auth.", StringComparison.Ordinal);

    private static FieldError? Plain(string path, string value) => AuthorizationValues.NotEmpty(path, value);

    private static FieldError? RequestPrincipal(string path, string value) =>
        AuthorizationValues.NotEmpty(path, value) ?? AuthorizationValues.Wildcard(path, value);

    private static IEnumerable<FieldError> Each(string at, string field, IReadOnlyList<string>? values, Func<string, string, FieldError?> rule)
    {
        if (values is null)
            yield break;
        var path = FieldPath.Child(at, field);
        for (var i = 0; i < values.Count; i++)
            if (rule(FieldPath.Index(path, i), values[i]) is { } e)
                yield return e;
    }

    private static bool IsEmpty(RuleSource s) =>
        new[]
        {
            s.Principals, s.NotPrincipals, s.RequestPrincipals, s.NotRequestPrincipals, s.Namespaces, s.NotNamespaces,
            s.ServiceAccounts, s.NotServiceAccounts, s.IpBlocks, s.NotIpBlocks, s.RemoteIpBlocks, s.NotRemoteIpBlocks,
            s.TrustDomains, s.NotTrustDomains,
        }.All(l => l is not { Count: > 0 });

    private static bool IsEmpty(RuleOperation o) =>
        new[] { o.Hosts, o.NotHosts, o.Ports, o.NotPorts, o.Methods, o.NotMethods, o.Paths, o.NotPaths }.All(l => l is not { Count: > 0 });

    private static string Wire(AuthorizationPolicyAction action) => action.ToString().ToUpperInvariant();
}
