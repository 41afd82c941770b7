package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WAR that Maven builds deploys on Payara Micro and answers. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeploymentIT {

    @Deployment(testable = false)
    static WebArchive tandem() {
        File war = new File(System.getProperty("tandem.war", "target/tandem.war"));
        return ShrinkWrap.create(ZipImporter.class, "tandem.war").importFrom(war).as(WebArchive.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void servesTheIndexPage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("<title>Tandem</title>"), response.body());
    }
}
