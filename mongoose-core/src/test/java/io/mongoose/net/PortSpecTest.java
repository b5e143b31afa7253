package io.mongoose.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortSpecTest {

	@Test
	void barePortBindsAllInterfaces() throws Exception {
		PortSpec.Listener l = PortSpec.parse("8080");
		assertThat(l.address()).isEqualTo(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 8080));
		assertThat(l.tls()).isFalse();
		assertThat(PortSpec.parse("1").address().getPort()).isEqualTo(1);
		assertThat(PortSpec.parse("65535").address().getPort()).isEqualTo(65535);
	}

	@Test
	void zeroIsEphemeral() {
		assertThat(PortSpec.parse("0").address().getPort()).isZero();
		PortSpec.Listener tls = PortSpec.parse("0s");
		assertThat(tls.address().getPort()).isZero();
		assertThat(tls.tls()).isTrue();
	}

	@Test
	void ipv4AndIpv6() throws Exception {
		PortSpec.Listener v4 = PortSpec.parse("1.2.3.4:1");
		assertThat(v4.address().getAddress()).isEqualTo(InetAddress.getByName("1.2.3.4"));
		assertThat(v4.address().getPort()).isEqualTo(1);
		assertThat(v4.address().isUnresolved()).isFalse();

		PortSpec.Listener v6 = PortSpec.parse("[::1]:123");
		assertThat(v6.address().getAddress().isLoopbackAddress()).isTrue();
		assertThat(v6.address().getPort()).isEqualTo(123);
		PortSpec.Listener v6b = PortSpec.parse("[3ffe:2a00:100:7031::1]:900s");
		assertThat(v6b.address().getAddress()).isEqualTo(InetAddress.getByName("3ffe:2a00:100:7031::1"));
		assertThat(v6b.tls()).isTrue();
	}

	@Test
	void tlsSuffix() {
		PortSpec.Listener l = PortSpec.parse("127.0.0.1:8443s");
		assertThat(l.tls()).isTrue();
		assertThat(l.address().getPort()).isEqualTo(8443);
		assertThat(PortSpec.parse("8443s").tls()).isTrue();
	}

	/** The invalid cases of the C test_parse_port_string, and more. */
	@ParameterizedTest
	@ValueSource(strings = { "99999", "65536", "1k", "1.2.3", "1.2.3.4:", "1.2.3.4:2p", "", "-1", "s", "1.2.3.4:80ss",
			"256.1.1.1:80", "localhost:80", "[::1]", "[::1]:", "[nothex]:80", "::1:80", "1.2.3.4:-5", " 80", "123456" })
	void invalid(String spec) {
		assertThatThrownBy(() -> PortSpec.parse(spec)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'");
	}

	@Test
	void messageNamesTheValue() {
		assertThatThrownBy(() -> PortSpec.parse("99999")).hasMessageStartingWith("Invalid port '99999'");
		assertThatThrownBy(() -> PortSpec.parse(null)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void lists() {
		var list = PortSpec.parseList("8080, 127.0.0.1:8443s,[::1]:9000");
		assertThat(list).hasSize(3);
		assertThat(list.get(0).address().getPort()).isEqualTo(8080);
		assertThat(list.get(1).tls()).isTrue();
		assertThat(list.get(2).address().getPort()).isEqualTo(9000);
		assertThatThrownBy(() -> PortSpec.parseList("8080,,9090")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> PortSpec.parseList("8080,1k")).hasMessageContaining("1k");
		assertThatThrownBy(() -> PortSpec.parseList(" ")).isInstanceOf(IllegalArgumentException.class);
	}

}
