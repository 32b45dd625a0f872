// The Go SDK generated from the schema (sdk/go), used as a Go program would use it.
package main

import (
	ts "github.com/pulumi-twilio-serverless/pulumi-twilio-serverless/sdk/go/twilioserverless"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		app, err := ts.NewServerlessApp(ctx, "app", &ts.ServerlessAppArgs{
			ServiceName: pulumi.String("go-app"),
			Directory:   pulumi.String("."),
			Environments: ts.AppEnvironmentMap{
				"dev":  ts.AppEnvironmentArgs{DomainSuffix: pulumi.String("dev")},
				"prod": ts.AppEnvironmentArgs{Build: pulumi.String("dev")},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("devUrl", app.Environments.MapIndex(pulumi.String("dev")).BaseUrl())
		ctx.Export("prodBuild", app.Environments.MapIndex(pulumi.String("prod")).BuildSid())
		return nil
	})
}
