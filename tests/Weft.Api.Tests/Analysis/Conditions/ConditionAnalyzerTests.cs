namespace Weft.Api.Tests.Analysis.Conditions;

public class ConditionAnalyzerTests
{
    private const string Analyzer = "conditions.ConditionAnalyzer";

    [Fact]
    public void Negative_conditions_the_mesh_wrote_are_reported_with_their_reason()
    {
        AnalyzerKit.Analyze(Analyzer, """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: control, namespace: travel-control}
            spec:
              parentRefs: [{name: ingress, namespace: istio-ingress}]
            status:
              parents:
              - parentRef: {name: ingress, namespace: istio-ingress}
                controllerName: istio.io/gateway-controller
                conditions:
                - {type: Accepted, status: "True", reason: Accepted, message: ok}
                - {type: ResolvedRefs, status: "False", reason: BackendNotFound, message: "backend(control.travel-control.svc.cluster.local) not found"}
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: partly, namespace: travel-agency}
            status:
              conditions:
              - {type: WaypointAccepted, status: "True", reason: PartiallyInvalid, message: "Invalid targetRefs: travel-agency/missing"}
            """).Lines().Should().Equal(
            "IST0171 HTTPRoute travel-control/control: A condition with a negative status is present: type=ResolvedRefs, reason=BackendNotFound, message=backend(control.travel-control.svc.cluster.local) not found.",
            "IST0171 AuthorizationPolicy travel-agency/partly: A condition with a negative status is present: type=WaypointAccepted, reason=PartiallyInvalid, message=Invalid targetRefs: travel-agency/missing.");
    }

    [Fact]
    public void Conditions_of_other_controllers_and_positive_ones_are_left_alone()
    {
        AnalyzerKit.Analyze(Analyzer, """
            apiVersion: v1
            kind: Service
            metadata: {name: cars, namespace: travel-agency}
            spec: {ports: [{name: http, port: 8000}]}
            status:
              conditions:
              - {type: argocd.argoproj.io/Synced, status: "False", reason: OutOfSync, message: drift}
              - {type: istio.io/WaypointBound, status: "True", reason: Bound, message: ok}
            """).Should().BeEmpty();
    }
}
