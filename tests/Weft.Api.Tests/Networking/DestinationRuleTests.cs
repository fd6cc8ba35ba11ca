using Weft.Api.Model.Networking;
using Weft.Api.Tests.Security;
using static Weft.Api.Tests.Networking.NetworkingManifests;

namespace Weft.Api.Tests.Networking;

public class DestinationRuleTests
{
    internal const string Rich = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: travels
          namespace: travel-agency
        spec:
          host: travels.travel-agency.svc.cluster.local
          exportTo: ["."]
          workloadSelector:
            matchLabels: {app: travel-portal}
          trafficPolicy:
            loadBalancer:
              simple: LEAST_REQUEST
              localityLbSetting:
                distribute:
                - from: us-east/zone1/*
                  to: {"us-east/zone1/*": 80, "us-east/zone2/*": 20}
                enabled: true
              warmupDurationSecs: 60s
              warmup: {duration: 90s, minimumPercent: 10, aggression: 1.5}
              zoneAwareLbSetting:
                enabled: true
                minClusterSize: 3
                failover: [{from: us-east, to: us-west}]
                failoverPriority: [topology.kubernetes.io/zone]
            connectionPool:
              tcp:
                maxConnections: 100
                connectTimeout: 30ms
                tcpKeepalive: {probes: 3, time: 7200s, interval: 75s}
                maxConnectionDuration: 1h
                idleTimeout: 1h
              http:
                http1MaxPendingRequests: 1
                http2MaxRequests: 100
                maxRequestsPerConnection: 10
                maxRetries: 3
                idleTimeout: 30s
                h2UpgradePolicy: DEFAULT
                useClientProtocol: true
                maxConcurrentStreams: 100
                http2KeepAlive: {interval: 15s, timeout: 5s}
            outlierDetection:
              consecutiveErrors: 5
              splitExternalLocalOriginErrors: true
              consecutiveLocalOriginFailures: 5
              consecutiveGatewayErrors: 3
              consecutive5xxErrors: 1
              interval: 1s
              baseEjectionTime: 3m
              maxEjectionPercent: 100
              minHealthPercent: 0
              outlierDetectionHttpErrorCodes: [500, 503]
            tls:
              mode: SIMPLE
              caCertificates: /etc/certs/ca.pem
              subjectAltNames: [travels.example.com]
              sni: travels.example.com
              insecureSkipVerify: false
              caCrl: /etc/certs/crl.pem
            portLevelSettings:
            - port: {number: 8000}
              loadBalancer:
                consistentHash:
                  httpCookie:
                    name: session
                    path: /
                    ttl: 3600s
                    attributes: [{name: SameSite, value: Strict}]
                  ringHash: {minimumRingSize: 1024}
              connectionPool: {tcp: {maxConnections: 10}}
              outlierDetection: {consecutive5xxErrors: 2}
              tls: {mode: MUTUAL, clientCertificate: /etc/certs/cert.pem, privateKey: /etc/certs/key.pem, caCertificates: /etc/certs/ca.pem}
            proxyProtocol: {version: V2}
            retryBudget: {percent: 20, minRetryConcurrency: 3, budgetInterval: 10s}
          subsets:
          - name: v1
            labels: {version: v1}
            trafficPolicy:
              loadBalancer:
                consistentHash: {httpHeaderName: x-user, maglev: {tableSize: 65537}}
              tunnel: {protocol: CONNECT, targetHost: egress.example.com, targetPort: 3128}
              tls: {mode: SIMPLE, credentialName: travels-ca}
          - name: v2
            labels: {version: v2}
            trafficPolicy:
              loadBalancer:
                consistentHash: {useSourceIp: true, minimumRingSize: 1024}
          - name: v3
            labels: {version: v3}
            trafficPolicy:
              loadBalancer:
                consistentHash: {httpQueryParameterName: user}
                localityLbSetting:
                  failover: [{from: us-east, to: us-west}]
                  failoverPriority: [topology.istio.io/network]
          - name: v4
            labels: {version: v4}
            trafficPolicy:
              loadBalancer:
                backendUtilization:
                  weightUpdatePeriod: 1s
                  weightExpirationPeriod: 3m
                  weightStabilizationPeriod: 10s
                  errorUtilizationPenaltyPercent: 50
                  metricNamesForComputingUtilization: [named_metrics.foo]
        """;

    [Fact]
    public void A_rich_destination_rule_round_trips_through_yaml_and_json()
    {
        var dr = Manifests.Load<DestinationRule>(Rich);
        UnsetTypeFields(dr).Should().BeEmpty();
        RoundTrips(dr);
        dr.Spec!.TrafficPolicy!.LoadBalancer!.Simple.Should().Be(SimpleLB.LeastRequest);
        dr.Spec.TrafficPolicy.ConnectionPool!.Http!.Http2MaxRequests.Should().Be(100);
        dr.Spec.TrafficPolicy.OutlierDetection!.BaseEjectionTime!.Value.Value.Should().Be(TimeSpan.FromMinutes(3));
        dr.Spec.Subsets!.Select(s => s.Name).Should().Equal("v1", "v2", "v3", "v4");
    }

    [Fact]
    public void The_lab_circuit_breaker_ejects_a_failing_vm_for_three_minutes()
    {
        var dr = Manifests.Load<DestinationRule>("""
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: cars, namespace: travel-agency}
            spec:
              host: cars-vm.travel-agency.svc.cluster.local
              trafficPolicy:
                outlierDetection:
                  consecutive5xxErrors: 1
                  interval: 1s
                  baseEjectionTime: 3m
                  maxEjectionPercent: 100
              subsets:
              - {name: v1, labels: {version: v1}}
              - {name: v2, labels: {version: v2}}
            """);
        dr.Spec!.TrafficPolicy!.OutlierDetection!.Consecutive5xxErrors.Should().Be(1);
    }

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        {
            "no host",
            "subsets: [{name: v1}]",
            ["spec.host: Required value"]
        },
        {
            "a host that is not a domain name",
            "host: travels_agency",
            ["spec.host: Invalid value: \"travels_agency\": domain name \"travels_agency\" invalid (label \"travels_agency\" invalid)"]
        },
        {
            "two subsets with one name",
            "host: travels\nsubsets:\n- {name: v1, labels: {version: v1}}\n- {name: v1, labels: {version: v2}}",
            ["spec.subsets[1].name: Duplicate value: \"v1\""]
        },
        {
            "a subset name that is not a DNS label",
            "host: travels\nsubsets: [{name: V.1}]",
            ["spec.subsets[0].name: Invalid value: \"V.1\": subset name is invalid: V.1"]
        },
        {
            "a subset label value that Kubernetes refuses",
            "host: travels\nsubsets: [{name: v1, labels: {version: \"v1!\"}}]",
            ["spec.subsets[0].labels[version]: Invalid value: \"v1!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]
        },
        {
            "an empty traffic policy",
            "host: travels\ntrafficPolicy: {}",
            ["spec.trafficPolicy: Required value: traffic policy must have at least one field"]
        },
        {
            "a tunnel and the PROXY protocol together",
            "host: travels\ntrafficPolicy:\n  tunnel: {targetHost: proxy.example.com, targetPort: 3128}\n  proxyProtocol: {version: V1}",
            ["spec.trafficPolicy.proxyProtocol: Forbidden: tunnel and proxyProtocol must not be set together"]
        },
        {
            "a tunnel through an unknown method",
            "host: travels\ntrafficPolicy:\n  tunnel: {protocol: GET, targetHost: proxy.example.com, targetPort: 3128}",
            ["spec.trafficPolicy.tunnel.protocol: Unsupported value: \"GET\": supported values: \"CONNECT\", \"POST\""]
        },
        {
            "a tunnel without a target port",
            "host: travels\ntrafficPolicy:\n  tunnel: {targetHost: proxy.example.com}",
            ["spec.trafficPolicy.tunnel.targetPort: Required value"]
        },
        {
            "ejecting more than every endpoint",
            "host: travels\ntrafficPolicy:\n  outlierDetection: {maxEjectionPercent: 150}",
            ["spec.trafficPolicy.outlierDetection.maxEjectionPercent: Invalid value: 150: percentage 150 is not in range 0..100"]
        },
        {
            "counting local-origin failures that are not split out",
            "host: travels\ntrafficPolicy:\n  outlierDetection: {consecutiveLocalOriginFailures: 3}",
            ["spec.trafficPolicy.outlierDetection.consecutiveLocalOriginFailures: Invalid value: 3: outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false"]
        },
        {
            "an HTTP error code that is not one",
            "host: travels\ntrafficPolicy:\n  outlierDetection: {outlierDetectionHttpErrorCodes: [503, 700]}",
            ["spec.trafficPolicy.outlierDetection.outlierDetectionHttpErrorCodes[1]: Invalid value: 700: spec.trafficPolicy.outlierDetection.outlierDetectionHttpErrorCodes[1] in body should be less than or equal to 599"]
        },
        {
            "an ejection time of zero",
            "host: travels\ntrafficPolicy:\n  outlierDetection: {baseEjectionTime: 0s}",
            ["spec.trafficPolicy.outlierDetection.baseEjectionTime: Invalid value: \"0s\": must be a valid duration greater than 1ms"]
        },
        {
            "a negative pending request limit",
            "host: travels\ntrafficPolicy:\n  connectionPool: {http: {http1MaxPendingRequests: -1}}",
            ["spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests: Invalid value: -1: http1 max pending requests must be non-negative"]
        },
        {
            "an empty connection pool",
            "host: travels\ntrafficPolicy:\n  connectionPool: {}",
            ["spec.trafficPolicy.connectionPool: Required value: connection pool must have at least one field"]
        },
        {
            "upgrading to HTTP/2 while keeping the client's protocol",
            "host: travels\ntrafficPolicy:\n  connectionPool: {http: {h2UpgradePolicy: UPGRADE, useClientProtocol: true}}",
            ["spec.trafficPolicy.connectionPool.http.useClientProtocol: Invalid value: true: use client protocol must not be true when H2UpgradePolicy is UPGRADE"]
        },
        {
            "a simple algorithm and consistent hashing together",
            "host: travels\ntrafficPolicy:\n  loadBalancer: {simple: ROUND_ROBIN, consistentHash: {useSourceIp: true}}",
            ["spec.trafficPolicy.loadBalancer in body must validate one and only one schema (oneOf): only one of simple, consistentHash or backendUtilization may be set, found simple and consistentHash"]
        },
        {
            "an unknown simple algorithm",
            "host: travels\ntrafficPolicy:\n  loadBalancer: {simple: FASTEST}",
            ["spec.trafficPolicy.loadBalancer.simple: Unsupported value: \"FASTEST\": supported values: \"UNSPECIFIED\", \"LEAST_CONN\", \"RANDOM\", \"PASSTHROUGH\", \"ROUND_ROBIN\", \"LEAST_REQUEST\""]
        },
        {
            "a Maglev table size that is not prime",
            "host: travels\ntrafficPolicy:\n  loadBalancer: {consistentHash: {useSourceIp: true, maglev: {tableSize: 1000}}}",
            ["spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize: Invalid value: 1000: tableSize must be a prime number for maglev"]
        },
        {
            "an affinity cookie without a name",
            "host: travels\ntrafficPolicy:\n  loadBalancer: {consistentHash: {httpCookie: {ttl: 0s}}}",
            ["spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.name: Required value: name required for HttpCookie"]
        },
        {
            "locality weights that do not add up to 100",
            "host: travels\ntrafficPolicy:\n  loadBalancer:\n    localityLbSetting:\n      distribute: [{from: us-east/*, to: {\"us-east/*\": 60, \"us-west/*\": 30}}]",
            ["spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to: Invalid value: total locality weight 90 != 100"]
        },
        {
            "distributing and failing over together",
            "host: travels\ntrafficPolicy:\n  loadBalancer:\n    localityLbSetting:\n      distribute: [{from: us-east/*, to: {\"us-east/*\": 100}}]\n      failover: [{from: us-east, to: us-west}]",
            ["spec.trafficPolicy.loadBalancer.localityLbSetting: Forbidden: can not simultaneously specify 'distribute' and 'failover'"]
        },
        {
            "failing over to the same region",
            "host: travels\ntrafficPolicy:\n  loadBalancer:\n    localityLbSetting:\n      failover: [{from: us-east, to: us-east}]",
            ["spec.trafficPolicy.loadBalancer.localityLbSetting.failover[0]: Invalid value: locality lb failover settings must specify different regions"]
        },
        {
            "a locality wildcard in the middle",
            "host: travels\ntrafficPolicy:\n  loadBalancer:\n    localityLbSetting:\n      distribute: [{from: us-east/*/a, to: {\"us-east/*\": 100}}]",
            ["spec.trafficPolicy.loadBalancer.localityLbSetting.distribute: Invalid value: \"us-east/*/a\": locality us-east/*/a wildcard '*' number can not exceed 1 and must be in the end"]
        },
        {
            "a warm-up above 100 percent",
            "host: travels\ntrafficPolicy:\n  loadBalancer: {warmup: {duration: 1m, minimumPercent: 150}}",
            ["spec.trafficPolicy.loadBalancer.warmup.minimumPercent: Invalid value: 150: spec.trafficPolicy.loadBalancer.warmup.minimumPercent in body should be less than or equal to 100"]
        },
        {
            "mutual TLS without a client certificate and key",
            "host: travels\ntrafficPolicy:\n  tls: {mode: MUTUAL, caCertificates: /etc/ca.pem}",
            ["spec.trafficPolicy.tls.clientCertificate: Required value: client certificate required for mutual tls", "spec.trafficPolicy.tls.privateKey: Required value: private key required for mutual tls"]
        },
        {
            "a credential and certificate files together",
            "host: travels\ntrafficPolicy:\n  tls: {mode: SIMPLE, credentialName: travels-ca, caCertificates: /etc/ca.pem}",
            ["spec.trafficPolicy.tls.credentialName: Forbidden: cannot specify client certificates or CA certificate or CA CRL If credentialName is set"]
        },
        {
            "skipping verification while giving what to verify against",
            "host: travels\ntrafficPolicy:\n  tls: {mode: SIMPLE, insecureSkipVerify: true, subjectAltNames: [travels]}",
            ["spec.trafficPolicy.tls.insecureSkipVerify: Forbidden: cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true"]
        },
        {
            "a ConfigMap credential from another namespace",
            "host: travels\ntrafficPolicy:\n  tls: {mode: SIMPLE, credentialName: \"configmap://other/ca\"}",
            ["spec.trafficPolicy.tls.credentialName: Invalid value: \"configmap://other/ca\": invalid configmap:// credentialName: namespace must match the configuration namespace \"travel\""]
        },
        {
            "a port-level policy without a port",
            "host: travels\ntrafficPolicy:\n  portLevelSettings: [{connectionPool: {tcp: {maxConnections: 1}}}]",
            ["spec.trafficPolicy.portLevelSettings[0].port: Required value: portTrafficPolicy must have valid port"]
        },
        {
            "a port-level policy with nothing in it",
            "host: travels\ntrafficPolicy:\n  portLevelSettings: [{port: {number: 80}}]",
            ["spec.trafficPolicy.portLevelSettings[0]: Required value: port traffic policy must have at least one field"]
        },
        {
            "a workload-scoped rule exported beyond its namespace",
            "host: travels\nworkloadSelector: {matchLabels: {app: portal}}\nexportTo: [\"*\"]",
            ["spec.exportTo: Invalid value: destination rule with workload selector cannot have exportTo beyond current namespace"]
        },
        {
            "a workload selector with a wildcard",
            "host: travels\nworkloadSelector: {matchLabels: {app: \"portal-*\"}}",
            ["spec.workloadSelector.matchLabels[app]: Invalid value: \"string\": wildcard not allowed in label value match"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_destination_rule_is_refused_with_precise_errors(string why, string spec, string[] expected) =>
        Manifests.Messages(Doc("DestinationRule", spec)).Should().Equal(expected, why);
}
