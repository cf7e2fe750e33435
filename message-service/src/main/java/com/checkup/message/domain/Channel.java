package com.checkup.message.domain;

public enum Channel { SMS, EMAIL, APP_PUSH }
