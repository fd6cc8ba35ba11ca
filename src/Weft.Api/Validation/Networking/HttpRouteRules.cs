using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// One HTTP rule. A rule does exactly one thing with a request: route it, redirect it, answer it
/// directly, or (in a root VirtualService) delegate it; then come its policies.
/// </summary>
internal static class HttpRouteRules
{
    // inDelegate: The rule belongs to a delegate VirtualService (one without hosts).
    public static void Check(ErrorList errors, string path, HttpRoute route, bool inDelegate)
    {
        var isRoot = !inDelegate && route.Delegate is not null;
        if (isRoot)
            RootConflicts(errors, path, route);
        else
            Conflicts(errors, path, route, inDelegate);
        HttpMatchRules.Check(errors, FieldPath.Child(path, "match"), route.Match, delegating: isRoot || inDelegate);
        HeaderOperationRules.Check(errors, FieldPath.Child(path, "headers"), route.Headers);
        CorsPolicyRules.Check(errors, FieldPath.Child(path, "corsPolicy"), route.CorsPolicy);
        HttpFaultRules.Check(errors, FieldPath.Child(path, "fault"), route.Fault);
        HttpMirrorRules.Check(errors, path, route);
        HttpRedirectRules.Check(errors, FieldPath.Child(path, "redirect"), route.Redirect);
        HttpDirectResponseRules.Check(errors, FieldPath.Child(path, "directResponse"), route.DirectResponse);
        HttpRetryRules.Check(errors, FieldPath.Child(path, "retries"), route.Retries);
        HttpRewriteRules.Check(errors, FieldPath.Child(path, "rewrite"), route.Rewrite, route.Headers);
        Destinations(errors, FieldPath.Child(path, "route"), route.Route);
        errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "timeout"), route.Timeout));
    }

    // A root rule only hands requests over; what happens to them is the delegate's business.
    private static void RootConflicts(ErrorList errors, string path, HttpRoute route)
    {
        var name = route.Name ?? "";
        if (route.Redirect is not null)
            errors.Forbidden(FieldPath.Child(path, "redirect"), $"root HTTP route {name} must not specify redirect");
        if (route.Route is not null)
            errors.Forbidden(FieldPath.Child(path, "route"), $"root HTTP route {name} must not specify route");
    }

    private static void Conflicts(ErrorList errors, string path, HttpRoute route, bool inDelegate)
    {
        if (inDelegate && route.Delegate is not null)
            errors.Forbidden(FieldPath.Child(path, "delegate"), "delegate HTTP route cannot contain delegate");
        var hasRoute = route.Route is { Count: > 0 };
        if (route.Redirect is not null)
        {
            if (hasRoute)
                errors.Forbidden(FieldPath.Child(path, "redirect"), "HTTP route cannot contain both route and redirect");
            if (route.Fault is not null)
                errors.Forbidden(FieldPath.Child(path, "fault"), "HTTP route cannot contain both fault and redirect");
            if (route.Rewrite is not null)
                errors.Forbidden(FieldPath.Child(path, "rewrite"), "HTTP route rule cannot contain both rewrite and redirect");
            if (route.DirectResponse is not null)
                errors.Forbidden(FieldPath.Child(path, "directResponse"), "HTTP route rule cannot contain both direct_response and redirect");
        }
        else if (route.DirectResponse is not null)
        {
            if (hasRoute)
                errors.Forbidden(FieldPath.Child(path, "directResponse"), "HTTP route cannot contain both route and direct_response");
            if (route.Fault is not null)
                errors.Forbidden(FieldPath.Child(path, "fault"), "HTTP route cannot contain both fault and direct_response");
            if (route.Rewrite is not null)
                errors.Forbidden(FieldPath.Child(path, "rewrite"), "HTTP route rule cannot contain both rewrite and direct_response");
        }
        else if (!hasRoute)
        {
            errors.Required(FieldPath.Child(path, "route"), "HTTP route, redirect or direct_response is required");
        }
    }

    private static void Destinations(ErrorList errors, string path, IReadOnlyList<HttpRouteDestination>? route)
    {
        if (route is null)
            return;
        for (var i = 0; i < route.Count; i++)
        {
            var at = FieldPath.Index(path, i);
            if (route[i].Destination is null)
                errors.Required(FieldPath.Child(at, "destination"));
            DestinationRules.Check(errors, FieldPath.Child(at, "destination"), route[i].Destination);
            HeaderOperationRules.Check(errors, FieldPath.Child(at, "headers"), route[i].Headers);
        }
        DestinationRules.Weights(errors, path, route.Select(r => r.Weight).ToList());
    }
}
