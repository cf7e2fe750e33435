package com.checkup.fulfillment.domain;

public enum TaskStatus { OPEN, CLAIMED, RESOLVED }
