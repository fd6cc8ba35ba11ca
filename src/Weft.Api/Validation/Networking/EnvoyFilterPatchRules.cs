using Weft.Api.Documents;
using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// One EnvoyFilter patch: an object kind, an operation, a value unless it removes, and a match
/// that addresses the same class of object (listeners, routes or clusters).
/// </summary>
internal static class EnvoyFilterPatchRules
{
    private const string HttpConnectionManager = "envoy.filters.network.http_connection_manager";

    public static void Check(ErrorList errors, string path, EnvoyConfigObjectPatch cp)
    {
        // The CRD's rules on the match hold whatever the webhook's checks below find.
        var matchPath = FieldPath.Child(path, "match");
        var matchShapeOk = cp.Match is null || MatchSchema(errors, matchPath, cp.Match);
        var applyTo = cp.ApplyTo ?? EnvoyFilterApplyTo.Invalid;
        if (applyTo == EnvoyFilterApplyTo.Invalid)
        {
            errors.Required(FieldPath.Child(path, "applyTo"), "Envoy filter: missing applyTo");
            return;
        }
        var patchPath = FieldPath.Child(path, "patch");
        if (cp.Patch is not { } patch)
        {
            errors.Required(patchPath, "Envoy filter: missing patch");
            return;
        }
        var operation = patch.Operation ?? EnvoyFilterPatchOperation.Invalid;
        if (operation == EnvoyFilterPatchOperation.Invalid)
        {
            errors.Required(FieldPath.Child(patchPath, "operation"), "Envoy filter: missing patch operation");
            return;
        }
        if (operation != EnvoyFilterPatchOperation.Remove && patch.Value is null)
        {
            errors.Required(FieldPath.Child(patchPath, "value"), "Envoy filter: missing patch value for non-remove operation");
            return;
        }
        if (patch.Value is { Node: not MapNode } value && !value.Node.IsNull)
            errors.Add(FieldError.WrongType(FieldPath.Child(patchPath, "value"), "object", value.Node.TypeName));
        if (cp.Match is { } match && matchShapeOk)
            Match(errors, matchPath, match, applyTo);
    }

    // The CRD's oneOf and CEL rules; false when the match is not a well-formed one.
    private static bool MatchSchema(ErrorList errors, string path, EnvoyConfigObjectMatch match)
    {
        var before = errors.Count;
        var objects = ObjectTypes(match);
        if (objects.Count > 1)
            errors.Add(Crd.OneOf(path, $"only one of listener, routeConfiguration, cluster or waypoint may be set, found {string.Join(" and ", objects)}"));
        // Waypoints have their own match, for their own context only.
        if ((match.Context == EnvoyFilterPatchContext.Waypoint) != (match.Waypoint is not null))
            errors.Add(Crd.Rule(path, "object", "only support waypointMatch when context is WAYPOINT"));
        if (match.Waypoint?.PortNumber is { } waypointPort && waypointPort is 0 or > 65535)
            errors.Add(Crd.Rule(FieldPath.Child(path, "waypoint.portNumber"), "integer", "port must be between 1-65535"));
        return errors.Count == before;
    }

    private static List<string> ObjectTypes(EnvoyConfigObjectMatch match) =>
        new[] { ("listener", match.Listener is not null), ("routeConfiguration", match.RouteConfiguration is not null), ("cluster", match.Cluster is not null), ("waypoint", match.Waypoint is not null) }
            .Where(o => o.Item2).Select(o => o.Item1).ToList();

    private static void Match(ErrorList errors, string path, EnvoyConfigObjectMatch match, EnvoyFilterApplyTo applyTo)
    {
        if (match.Proxy?.ProxyVersion is { Length: > 0 } version)
        {
            if (RegexRules.Re2(FieldPath.Child(path, "proxy.proxyVersion"), version) is { } bad)
                errors.Invalid(FieldPath.Child(path, "proxy.proxyVersion"), version, "Envoy filter: invalid regex for proxy version, [" + bad.Reason + "]");
        }
        if (ObjectTypes(match).Count == 0 || match.Waypoint is not null)
            return;
        switch (applyTo)
        {
            case EnvoyFilterApplyTo.Listener or EnvoyFilterApplyTo.FilterChain or EnvoyFilterApplyTo.NetworkFilter or EnvoyFilterApplyTo.HttpFilter:
                if (match.Listener is null)
                    errors.Invalid(path, "Envoy filter: applyTo for listener class objects cannot have non listener match");
                else
                    FilterChainFilter(errors, FieldPath.Child(path, "listener.filterChain.filter"), match.Listener.FilterChain?.Filter, applyTo);
                break;
            case EnvoyFilterApplyTo.RouteConfiguration or EnvoyFilterApplyTo.VirtualHost or EnvoyFilterApplyTo.HttpRoute:
                if (match.RouteConfiguration is null)
                    errors.Invalid(path, "Envoy filter: applyTo for http route class objects cannot have non route configuration match");
                break;
            case EnvoyFilterApplyTo.Cluster:
                if (match.Cluster is null)
                    errors.Invalid(path, "Envoy filter: applyTo for cluster class objects cannot have non cluster match");
                break;
        }
    }

    // A sub-filter is an HTTP filter: it lives inside the HTTP connection manager and only HTTP_FILTER patches reach it.
    private static void FilterChainFilter(ErrorList errors, string path, EnvoyFilterFilterMatch? filter, EnvoyFilterApplyTo applyTo)
    {
        if (filter is null)
            return;
        if (string.IsNullOrEmpty(filter.Name))
        {
            errors.Required(FieldPath.Child(path, "name"), "Envoy filter: filter match has no name to match on");
            return;
        }
        if (filter.SubFilter is not { } sub)
            return;
        var subPath = FieldPath.Child(path, "subFilter");
        if (applyTo != EnvoyFilterApplyTo.HttpFilter)
            errors.Forbidden(subPath, "Envoy filter: subfilter match can be used with applyTo HTTP_FILTER only");
        else if (filter.Name is not (HttpConnectionManager or "envoy.http_connection_manager"))
            errors.Forbidden(subPath, $"Envoy filter: subfilter match requires filter match with {HttpConnectionManager}");
        else if (string.IsNullOrEmpty(sub.Name))
            errors.Required(FieldPath.Child(subPath, "name"), "Envoy filter: subfilter match has no name to match on");
    }
}
