// End-to-end check of iam-local with the AWS SDK for Go v2 (the SDK Terraform's AWS provider is
// built on), as Debian packages it (golang-github-aws-aws-sdk-go-v2-dev). Built in GOPATH mode:
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go build -o iam-local-go-e2e ./test/e2e/go
//
// Modes (the endpoint is given in code, as a program pointed at a local STS does; no AWS variable):
//
//	api   ENDPOINT            IAM and STS calls signed with the bootstrap root (test/test): create,
//	                          read back, typed errors, pagination, AssumeRole; cleans up.
//	chain ENDPOINT [REGION]   the SDK's default credential chain (environment, shared config, ECS
//	                          container endpoint, EC2 IMDSv2) then sts:GetCallerIdentity; prints
//	                          {"arn","accessKeyId","source"} as JSON.
//
// Exit status 0 on success; on failure a line "go e2e FAILED: ..." on stderr and status 1.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "go e2e FAILED: "+format+"\n", args...)
	os.Exit(1)
}

func check(err error, what string) {
	if err != nil {
		fail("%s: %v", what, err)
	}
}

func main() {
	if len(os.Args) < 3 {
		fail("usage: %s api|chain ENDPOINT [REGION]", os.Args[0])
	}
	mode, endpoint := os.Args[1], os.Args[2]
	region := "us-east-1"
	if len(os.Args) > 3 {
		region = os.Args[3]
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	switch mode {
	case "api":
		api(ctx, endpoint, region)
	case "chain":
		chain(ctx, endpoint, region)
	default:
		fail("unknown mode %q", mode)
	}
}

// chain: nothing but the default chain; the STS endpoint and the region are given in code.
func chain(ctx context.Context, endpoint, region string) {
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(region), config.WithRetryMaxAttempts(1))
	check(err, "LoadDefaultConfig")
	creds, err := cfg.Credentials.Retrieve(ctx)
	check(err, "default credential chain")
	client := sts.NewFromConfig(cfg, func(o *sts.Options) { o.EndpointResolver = sts.EndpointResolverFromURL(endpoint) })
	out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	check(err, "GetCallerIdentity")
	b, _ := json.Marshal(map[string]string{
		"arn":         aws.ToString(out.Arn),
		"account":     aws.ToString(out.Account),
		"accessKeyId": creds.AccessKeyID,
		"source":      creds.Source,
		"expires":     creds.Expires.UTC().Format(time.RFC3339),
	})
	fmt.Println(string(b))
}

func api(ctx context.Context, endpoint, region string) {
	root := credentials.NewStaticCredentialsProvider("test", "test", "")
	cfg := aws.Config{Region: region, Credentials: root, RetryMaxAttempts: 1}
	client := iam.NewFromConfig(cfg, func(o *iam.Options) { o.EndpointResolver = iam.EndpointResolverFromURL(endpoint) })
	stsc := sts.NewFromConfig(cfg, func(o *sts.Options) { o.EndpointResolver = sts.EndpointResolverFromURL(endpoint) })

	id, err := stsc.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	check(err, "GetCallerIdentity as root")
	account := aws.ToString(id.Account)
	if aws.ToString(id.Arn) != "arn:aws:iam::"+account+":root" {
		fail("root identity: %s", aws.ToString(id.Arn))
	}

	run := fmt.Sprintf("%d", time.Now().UnixNano()%1_000_000_000)
	path := "/go-e2e-" + run + "/"
	names := []string{}
	for i := 0; i < 5; i++ {
		name := fmt.Sprintf("go-user-%s-%d", run, i)
		out, err := client.CreateUser(ctx, &iam.CreateUserInput{
			UserName: aws.String(name),
			Path:     aws.String(path),
			Tags:     []iamtypes.Tag{{Key: aws.String("suite"), Value: aws.String("go")}},
		})
		check(err, "CreateUser")
		if want := "arn:aws:iam::" + account + ":user" + path + name; aws.ToString(out.User.Arn) != want {
			fail("CreateUser ARN %s, want %s", aws.ToString(out.User.Arn), want)
		}
		if out.User.CreateDate == nil || time.Since(*out.User.CreateDate) > time.Hour {
			fail("CreateUser CreateDate %v", out.User.CreateDate)
		}
		names = append(names, name)
	}
	defer func() {
		for _, n := range names {
			_, _ = client.DeleteUser(context.Background(), &iam.DeleteUserInput{UserName: aws.String(n)})
		}
	}()

	// Pagination: 5 users, 2 per page → 3 pages, every user once, in order.
	pages, seen := 0, []string{}
	p := iam.NewListUsersPaginator(client, &iam.ListUsersInput{PathPrefix: aws.String(path), MaxItems: aws.Int32(2)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		check(err, "ListUsers page")
		pages++
		for _, u := range page.Users {
			seen = append(seen, aws.ToString(u.UserName))
		}
		if p.HasMorePages() != page.IsTruncated {
			fail("paginator disagrees with IsTruncated on page %d", pages)
		}
	}
	if pages != 3 || strings.Join(seen, ",") != strings.Join(names, ",") {
		fail("ListUsers paginated: %d pages, users %v (want 3 pages, %v)", pages, seen, names)
	}

	// Typed errors: the modeled exception types, and smithy.APIError with AWS's code and message.
	missing := "go-missing-" + run
	_, err = client.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(missing)})
	var nse *iamtypes.NoSuchEntityException
	if !errors.As(err, &nse) {
		fail("GetUser of a missing user: want *types.NoSuchEntityException, got %T %v", err, err)
	}
	if msg := aws.ToString(nse.Message); msg != "The user with name "+missing+" cannot be found." {
		fail("NoSuchEntity message %q", msg)
	}
	var re *smithyhttp.ResponseError
	if !errors.As(err, &re) || re.HTTPStatusCode() != 404 {
		fail("NoSuchEntity HTTP status: %v", err)
	}
	_, err = client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(names[0])})
	var exists *iamtypes.EntityAlreadyExistsException
	if !errors.As(err, &exists) {
		fail("CreateUser twice: want *types.EntityAlreadyExistsException, got %T %v", err, err)
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "EntityAlreadyExists" || apiErr.ErrorFault() != smithy.FaultClient {
		fail("EntityAlreadyExists as smithy.APIError: %v", err)
	}
	_, err = client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("bad/name")})
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "ValidationError" {
		fail("invalid user name: want ValidationError, got %v", err)
	}

	// A role the root may assume, then STS AssumeRole and the session's identity.
	roleName := "go-role-" + run
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account + `:root"},"Action":"sts:AssumeRole"}]}`
	role, err := client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(roleName), AssumeRolePolicyDocument: aws.String(trust)})
	check(err, "CreateRole")
	defer func() { _, _ = client.DeleteRole(context.Background(), &iam.DeleteRoleInput{RoleName: aws.String(roleName)}) }()
	got, err := client.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(roleName)})
	check(err, "GetRole")
	doc, err := url.QueryUnescape(aws.ToString(got.Role.AssumeRolePolicyDocument))
	check(err, "trust policy is URL-encoded")
	if doc != trust {
		fail("trust policy round trip: %s", doc)
	}
	assumed, err := stsc.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("go-e2e")})
	check(err, "AssumeRole")
	c := assumed.Credentials
	if !strings.HasPrefix(aws.ToString(c.AccessKeyId), "ASIA") || c.Expiration == nil {
		fail("AssumeRole credentials: %+v", c)
	}
	session := sts.NewFromConfig(aws.Config{
		Region:           region,
		RetryMaxAttempts: 1,
		Credentials:      credentials.NewStaticCredentialsProvider(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken)),
	}, func(o *sts.Options) { o.EndpointResolver = sts.EndpointResolverFromURL(endpoint) })
	me, err := session.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	check(err, "GetCallerIdentity as the role session")
	if want := "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/go-e2e"; aws.ToString(me.Arn) != want {
		fail("assumed-role ARN %s, want %s", aws.ToString(me.Arn), want)
	}

	// A wrong secret: STS's typed error code through smithy.APIError.
	bad := sts.NewFromConfig(aws.Config{
		Region: region, RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider(aws.ToString(c.AccessKeyId), strings.Repeat("x", 40), aws.ToString(c.SessionToken)),
	}, func(o *sts.Options) { o.EndpointResolver = sts.EndpointResolverFromURL(endpoint) })
	_, err = bad.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "SignatureDoesNotMatch" {
		fail("wrong secret: want SignatureDoesNotMatch, got %v", err)
	}
	fmt.Printf("aws-sdk-go-v2 e2e against %s: OK (%d users in %d pages, typed errors, AssumeRole)\n", endpoint, len(seen), pages)
}
