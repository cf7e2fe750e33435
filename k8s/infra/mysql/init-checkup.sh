# Sourced (not run) by the mysql image's entrypoint the first time the server starts, on an empty data directory: one
# schema and one user per service, each user granted its own schema only (that, with the NetworkPolicy admitting only
# Checkup service pods and Nacos to port 3306, is how a schema is reached only from its service), and Nacos's schema and
# user. Passwords come from the environment (Secret checkup-db-users), never from this file. The server keeps its data
# afterwards: a service added later needs the same three statements run by hand (mysql -uroot -p in the pod), and so
# does a managed MySQL used instead of this one.
# docker_process_sql, mysql_note and mysql_error are the entrypoint's own functions.

# A string literal for MySQL: backslashes and quotes escaped.
checkup_sql_string() {
	local s=$1
	s=${s//\\/\\\\}
	s=${s//\'/\\\'}
	printf "'%s'" "$s"
}

# checkup_schema <schema> <user> <name of the variable holding the password>
checkup_schema() {
	local schema=$1 user=$2 var=$3
	local password=${!var:-}
	if [ -z "$password" ]; then
		mysql_error "$var is empty: give user $user a password in Secret checkup-db-users"
	fi
	mysql_note "Creating schema $schema and user $user (granted $schema only)"
	docker_process_sql <<SQL
CREATE DATABASE IF NOT EXISTS \`$schema\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$user'@'%' IDENTIFIED BY $(checkup_sql_string "$password");
GRANT ALL PRIVILEGES ON \`$schema\`.* TO '$user'@'%';
SQL
}

checkup_schema checkup_order order_service DB_PASSWORD_ORDER_SERVICE
checkup_schema checkup_payment payment_service DB_PASSWORD_PAYMENT_SERVICE
checkup_schema checkup_message message_service DB_PASSWORD_MESSAGE_SERVICE
checkup_schema checkup_booking booking_service DB_PASSWORD_BOOKING_SERVICE
checkup_schema checkup_hospital_sync hospital_sync_service DB_PASSWORD_HOSPITAL_SYNC_SERVICE
checkup_schema checkup_fulfillment fulfillment_service DB_PASSWORD_FULFILLMENT_SERVICE
checkup_schema nacos_config nacos DB_PASSWORD_NACOS

# Nacos's tables, from the Nacos image itself (copied by the nacos-schema init container), so they match its version.
mysql_note "Creating Nacos's tables in nacos_config from ${NACOS_SCHEMA_SQL}"
docker_process_sql --database=nacos_config < "${NACOS_SCHEMA_SQL}"
